"""The brand's side of the zero-party data protocol (docs/protocol.md).

Keys (`keys`), signed data requests and per-visit requests (`issuing`),
offline verification (`offline`), a receiver a brand's own service can embed
(`receiver`, with the token's fit to its ask in `checks` and every refusal's
RFC 8935 code in `refusals`, over `storage`: SQLite by default in `sqlstorage`
with the tables of `sqlschema`, PostgreSQL in `pgstorage`, chosen by
`database`; its `quotas`), and the reference receiver over HTTP
(`server`, run by `serving` under uvicorn with the `connections` guard;
`holdings` serves the page `page` renders; `cli` and `servecmd` are
`zpv-brand`). It builds on `zpd` only: it never imports the person's vault,
nor Qt.
"""
