// DuckDB's answer to the benchmark's self-join, over the same Parquet files: spans joined to their parents within
// a trace, counted by service pair. Usage: node bench-duckdb.mjs DUCKDB_INSTALL_DIR DAY_PARTITION_DIR
import { createRequire } from 'node:module';
import path from 'node:path';

const [installDir, dayDir] = process.argv.slice(2);
// The same columns the nightly job reads, the peer as RemotePeer.KEYS defines it.
const PEER_KEYS = ['service.peer.name', 'peer.service', 'db.namespace', 'db.name', 'db.system.name', 'db.system',
  'messaging.system', 'server.address', 'net.peer.name'];
const require = createRequire(path.join(path.resolve(installDir), 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const started = process.hrtime.bigint();
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const files = `${dayDir}/*.parquet`.replaceAll("'", "''");
const reader = await connection.runAndReadAll(`
  WITH spans AS (
    SELECT trace_id, span_id, parent_span_id, service_name, kind, status_code,
           start_time_unix_nano, end_time_unix_nano,
           coalesce(${PEER_KEYS.map((k) => `nullif(attributes['${k}'], '')`).join(', ')}) AS peer
    FROM read_parquet('${files}'))
  SELECT p.service_name AS parent, c.service_name AS child, count(*) AS calls,
         sum(CASE WHEN c.status_code = 'ERROR' THEN 1 ELSE 0 END) AS errors,
         max(c.end_time_unix_nano - c.start_time_unix_nano) AS slowest_ns, max(c.kind) AS some_kind,
         count(c.peer) AS with_peer
  FROM spans c JOIN spans p ON c.trace_id = p.trace_id AND c.parent_span_id = p.span_id
  WHERE c.service_name <> p.service_name
  GROUP BY ALL`);
const rows = reader.getRows();
const calls = rows.reduce((sum, r) => sum + Number(r[2]), 0);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`duckdb-selfjoin: pairs=${rows.length} calls=${calls} seconds=${seconds.toFixed(2)}`);
