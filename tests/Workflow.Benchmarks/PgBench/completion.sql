-- One task completion as the durable runtime sends it to PostgreSQL, without the runtime: claim (load the instance by its
-- open task; one batch with the revision-checked instance update, the task's assignee, its candidates' state, one ledger
-- row) and complete (load; one batch with the instance update, the task closed, the next task and its candidate, two ledger
-- rows). Each batch is one implicit transaction, as the store sends it. Each client works on instances of its own, so no
-- two clients conflict.
\set k :client_id * 2000 + random(1, 2000)
SELECT t.id AS tid, i.revision AS rev, i.ledger_seq AS seq, length(i.state) AS len FROM tasks t JOIN instances i ON i.id = t.instance_id WHERE t.instance_id = md5(:k::text)::uuid AND t.state = 'open' LIMIT 1 \gset
\startpipeline
WITH saved AS (UPDATE instances SET revision = revision + 1, state = overlay(state placing '\x01'::bytea from 10), ledger_seq = :seq + 1, ledger_hash = '\x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20' WHERE id = md5(:k::text)::uuid AND revision = :rev RETURNING 1) SELECT workflow_expect_one_saved(count(*), md5(:k::text)::uuid) FROM saved;
UPDATE tasks SET assignee = 'alice' WHERE id = :tid;
UPDATE task_candidates SET state = 'claimed' WHERE task_id = :tid;
INSERT INTO ledger (instance_id, seq, at, component, kind, element_id, actor, role, unit, acting_for, outcome, data, prev_hash, hash) VALUES (md5(:k::text)::uuid, :seq + 1, now(), 'sim', 'claimed', 'Task_X', 'alice', 'officer', 'east', NULL, NULL, NULL, '\x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20', '\x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20');
\endpipeline
SELECT i.revision AS rev2, length(i.state) AS len2 FROM tasks t JOIN instances i ON i.id = t.instance_id WHERE t.id = :tid AND t.state = 'open' \gset
\startpipeline
WITH saved AS (UPDATE instances SET revision = revision + 1, state = overlay(state placing '\x02'::bytea from 10), ledger_seq = :seq + 3, ledger_hash = '\x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20' WHERE id = md5(:k::text)::uuid AND revision = :rev2 RETURNING 1) SELECT workflow_expect_one_saved(count(*), md5(:k::text)::uuid) FROM saved;
UPDATE tasks SET state = 'closed', closed_at = now() WHERE id = :tid;
INSERT INTO tasks (id, instance_id, process_id, element_id, name, kind, state, unit, business_key, priority, created_at, due_at) VALUES (md5(:k::text || '-' || :rev2)::uuid, md5(:k::text)::uuid, 'sim', 'Task_X', '调查', 'task', 'open', 'east', 'J-1', 0, now(), now() + interval '1 day');
INSERT INTO task_candidates (task_id, role, state, unit, due_at) VALUES (md5(:k::text || '-' || :rev2)::uuid, 'officer', 'open', 'east', now() + interval '1 day');
INSERT INTO ledger (instance_id, seq, at, component, kind, element_id, actor, role, unit, acting_for, outcome, data, prev_hash, hash) VALUES (md5(:k::text)::uuid, :seq + 2, now(), 'sim', 'task-completed', 'Task_X', 'alice', 'officer', 'east', NULL, 'ok', '{"a":1}', '\x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20', '\x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20'), (md5(:k::text)::uuid, :seq + 3, now(), 'sim', 'task-created', 'Task_X', NULL, NULL, NULL, NULL, NULL, NULL, '\x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20', '\x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20');
\endpipeline
