"""The batch engine behind `ingest` and `reprocess`: a source of letters -> read -> parse
(in a process pool that can stop a letter) -> write, with the same overlap, fallback,
counting, logging and progress for both.

Kept free of heavy imports: parser processes import `imr_etl.engine.parsing` only.
"""
