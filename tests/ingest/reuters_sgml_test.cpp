// Tests of core/ingest/reuters_sgml (being written).
