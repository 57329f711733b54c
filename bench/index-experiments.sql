-- Query and index experiments behind the recommendations in bench/RESULTS.md.
--
-- Run against a database that bench/run.py has loaded (100,000 demo projects), e.g.
--   scripts/with-postgres bash -c '.venv/bin/python bench/run.py --no-results --only none &&
--     psql "$DATABASE_URL" -f bench/index-experiments.sql' | grep -E '^(==|[ ]*Execution Time)'
-- Everything runs in one transaction that is rolled back: the database is left as it was.
-- Each experiment prints the current form first, then the alternative. TIMING OFF: per-node
-- timing would inflate the totals of the big scans; the execution times are what to compare.

BEGIN;

\echo == 1. registry_state(): COUNT + MAX over the whole table, on every map and list request
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)
SELECT COUNT(id), MAX(id), MAX(updated_at) FROM registry_project;
\echo == 1b. the two MAX alone (backward index scans); deletions would need another signal
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)
SELECT (SELECT MAX(id) FROM registry_project), (SELECT MAX(updated_at) FROM registry_project);

\echo == 2. municipality counts without filters: the no-op semi-join on all project ids
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)
SELECT municipality_id, COUNT(*) FROM registry_project_municipalities
WHERE project_id IN (SELECT id FROM registry_project) GROUP BY 1;
\echo == 2b. the same counts straight from the through table
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)
SELECT municipality_id, COUNT(*) FROM registry_project_municipalities GROUP BY 1;

\echo == 3. technology facet without filters (same no-op semi-join, 200,000 through rows)
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)
SELECT technology_id, COUNT(*) FROM registry_project_technologies
WHERE project_id IN (SELECT id FROM registry_project) GROUP BY 1;
\echo == 3b. straight from the through table
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)
SELECT technology_id, COUNT(*) FROM registry_project_technologies GROUP BY 1;

\echo == 4. region facet: COUNT(DISTINCT) sorts 130,000 rows (spills to disk at work_mem=4MB)
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)
SELECT m.region_id, COUNT(DISTINCT pm.project_id)
FROM registry_project_municipalities pm JOIN geo_municipality m ON pm.municipality_id = m.id
WHERE pm.project_id IN (SELECT id FROM registry_project) GROUP BY 1;
\echo == 4b. distinct (region, project) pairs first: two hash aggregates, no sort
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)
SELECT region_id, COUNT(*) FROM (
  SELECT DISTINCT m.region_id, pm.project_id
  FROM registry_project_municipalities pm JOIN geo_municipality m ON pm.municipality_id = m.id
) pairs GROUP BY 1;

\echo == 5. filter technology=iot-sensorer & status=drift (map counts): 26,824 probes of the heap
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)
SELECT pm.municipality_id, COUNT(*) FROM registry_project_municipalities pm
WHERE pm.project_id IN (
  SELECT v.id FROM registry_project v
  WHERE v.status IN ('drift') AND EXISTS (
    SELECT 1 FROM registry_project_technologies u
    JOIN registry_technology t ON u.technology_id = t.id
    WHERE u.project_id = v.id AND t.slug IN ('iot-sensorer') LIMIT 1))
GROUP BY 1;
\echo == 5b. with a covering index on status (index-only scan, hash semi-join)
CREATE INDEX bench_project_status_id ON registry_project (status) INCLUDE (id);
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)
SELECT pm.municipality_id, COUNT(*) FROM registry_project_municipalities pm
WHERE pm.project_id IN (
  SELECT v.id FROM registry_project v
  WHERE v.status IN ('drift') AND EXISTS (
    SELECT 1 FROM registry_project_technologies u
    JOIN registry_technology t ON u.technology_id = t.id
    WHERE u.project_id = v.id AND t.slug IN ('iot-sensorer') LIMIT 1))
GROUP BY 1;

\echo == 6. filter area=forsyning (map counts): bitmap heap scan over the wide project rows
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)
SELECT pm.municipality_id, COUNT(*) FROM registry_project_municipalities pm
WHERE pm.project_id IN (
  SELECT u.id FROM registry_project u JOIN registry_area a ON u.area_id = a.id
  WHERE a.slug IN ('forsyning'))
GROUP BY 1;
\echo == 6b. with a covering index on area_id
CREATE INDEX bench_project_area_id ON registry_project (area_id) INCLUDE (id);
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)
SELECT pm.municipality_id, COUNT(*) FROM registry_project_municipalities pm
WHERE pm.project_id IN (
  SELECT u.id FROM registry_project u JOIN registry_area a ON u.area_id = a.id
  WHERE a.slug IN ('forsyning'))
GROUP BY 1;

\echo == 7. freshness facet: a sequential scan of the whole project table
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)
SELECT COUNT(id) FILTER (WHERE last_verified > CURRENT_DATE - 183),
       COUNT(id) FILTER (WHERE last_verified <= CURRENT_DATE - 183
                         AND last_verified > CURRENT_DATE - 365),
       COUNT(id) FILTER (WHERE last_verified <= CURRENT_DATE - 365 OR last_verified IS NULL)
FROM registry_project;
\echo == 7b. with a covering index on last_verified (index-only scan)
CREATE INDEX bench_project_last_verified ON registry_project (last_verified) INCLUDE (id);
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)
SELECT COUNT(id) FILTER (WHERE last_verified > CURRENT_DATE - 183),
       COUNT(id) FILTER (WHERE last_verified <= CURRENT_DATE - 183
                         AND last_verified > CURRENT_DATE - 365),
       COUNT(id) FILTER (WHERE last_verified <= CURRENT_DATE - 365 OR last_verified IS NULL)
FROM registry_project;

\echo == 8. /kommuner/751/ partners: the join through registry_project adds a scan of all ids
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)
SELECT o.id, o.name, COUNT(DISTINCT pa.project_id) AS n
FROM orgs_organisation o
JOIN registry_partner pa ON o.id = pa.organisation_id
JOIN registry_project p ON pa.project_id = p.id
JOIN registry_project_municipalities pm ON p.id = pm.project_id
WHERE pm.municipality_id = (SELECT id FROM geo_municipality WHERE code = '751')
GROUP BY o.id ORDER BY n DESC, o.name LIMIT 20;
\echo == 8b. partners straight from the through table
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)
SELECT o.id, o.name, COUNT(DISTINCT pa.project_id) AS n
FROM orgs_organisation o
JOIN registry_partner pa ON o.id = pa.organisation_id
WHERE pa.project_id IN (
  SELECT project_id FROM registry_project_municipalities
  WHERE municipality_id = (SELECT id FROM geo_municipality WHERE code = '751'))
GROUP BY o.id ORDER BY n DESC, o.name LIMIT 20;

ROLLBACK;
