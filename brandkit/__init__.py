"""The brand's side of the zero-party data protocol (docs/protocol.md).

Keys (`keys`), signed data requests (`issuing`), offline verification
(`offline`), a receiver a brand's own service can embed (`receiver` over
`storage`: SQLite by default in `sqlstorage`, PostgreSQL in `pgstorage`,
chosen by `database`), and the reference receiver over HTTP (`server`, run by
`serving` under uvicorn; `page` is its HTML view). It builds on `zpd` only: it
never imports the person's vault, nor Qt.
"""
