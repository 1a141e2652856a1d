// Tests of core/ingest/feed (being written).
