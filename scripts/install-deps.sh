#!/usr/bin/env bash
# Installs what newsdesk needs to build, test and run, from Debian 12 packages.
# Idempotent: does nothing when everything is already installed.
set -euo pipefail

packages=(
  g++ cmake make pkg-config git curl ca-certificates
  libxapian-dev xapian-tools          # the search engine library (+ xapian-compact, delve)
  libcpp-httplib-dev                  # HTTP server/client for newsdesk-searchd
  libicu-dev                          # Unicode normalisation and segmentation
  libboost-program-options-dev        # command-line options
  nlohmann-json3-dev                  # JSON
  libgumbo-dev                        # HTML5 parser for saved article pages
  libxml2-dev                         # XML parser for RSS/Atom feeds
  libjemalloc-dev                     # allocator for the multi-threaded indexer
  catch2                              # unit tests (v2)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root to install: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
