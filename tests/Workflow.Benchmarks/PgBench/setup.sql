-- The rows completion.sql works on: 34,000 instances of process 'sim' (2,000 for each of up to 17 pgbench clients), each
-- with the state of a typical instance already in the database and one open task with one candidate role. Run on a
-- database that db-load has migrated and filled (the state is copied from its instances); earlier 'sim' rows are removed.
DELETE FROM task_candidates WHERE task_id IN (SELECT id FROM tasks WHERE process_id = 'sim');
DELETE FROM tasks WHERE process_id = 'sim';
ALTER TABLE ledger DISABLE TRIGGER USER;
DELETE FROM ledger WHERE component = 'sim';
ALTER TABLE ledger ENABLE TRIGGER USER;
DELETE FROM instances WHERE process_id = 'sim';
INSERT INTO instances (id, process_id, version, business_key, status, state, revision, started_at, ledger_seq, ledger_hash)
SELECT md5(k::text)::uuid, 'sim', 1, 'J-' || k, 'running', (SELECT state FROM instances WHERE process_id <> 'sim' ORDER BY abs(length(state) - (SELECT avg(length(state)) FROM instances WHERE process_id <> 'sim')) LIMIT 1), 1, now(), 0, NULL
FROM generate_series(1, 34000) k;
INSERT INTO tasks (id, instance_id, process_id, element_id, name, kind, state, unit, business_key, priority, created_at, due_at)
SELECT md5('t' || k)::uuid, md5(k::text)::uuid, 'sim', 'Task_X', '调查', 'task', 'open', 'east', 'J-' || k, 0, now(), now() + interval '1 day' FROM generate_series(1, 34000) k;
INSERT INTO task_candidates (task_id, role, state, unit, due_at)
SELECT md5('t' || k)::uuid, 'officer', 'open', 'east', now() + interval '1 day' FROM generate_series(1, 34000) k;
VACUUM ANALYZE instances; VACUUM ANALYZE tasks; VACUUM ANALYZE task_candidates;
