# Shared by the benchmark scripts (source it; it defines functions only).
#
#   reuters_inputs REUTERS_DIR SCALE WORK_DIR
#
# Sets the array `inputs` to the Reuters-21578 SGML files to index: the
# collection itself for SCALE 1, else SCALE copies written to WORK_DIR/in with
# the NEWIDs made unique per copy (NEWID="7" becomes NEWID="3-7" in copy 3),
# so that every copy is stored as articles of its own.
reuters_inputs() {
  local reuters=$1 scale=$2 work=$3
  inputs=()
  if [ "$scale" -eq 1 ]; then
    inputs=("$reuters"/reut2-*.sgm)
    return
  fi
  mkdir -p "$work/in"
  local copy f
  for ((copy = 1; copy <= scale; copy++)); do
    for f in "$reuters"/reut2-*.sgm; do
      LC_ALL=C sed "s/NEWID=\"/NEWID=\"$copy-/" "$f" >"$work/in/c$copy-$(basename "$f")"
    done
  done
  inputs=("$work"/in/*.sgm)
}

# Prints the number of documents in a newsdesk index folder (0 if none).
index_doccount() {
  xapian-delve "$1" 2>/dev/null | sed -n 's/^number of documents = //p' | grep . || echo 0
}
