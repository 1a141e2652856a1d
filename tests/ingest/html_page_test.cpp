// Tests of core/ingest/html_page (being written).
