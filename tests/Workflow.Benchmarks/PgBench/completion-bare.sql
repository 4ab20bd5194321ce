-- completion.sql without the accountability's rows: no ledger, no candidate roles, no ledger head on the instance.
-- What a completion costs the database when the engine keeps only instances and tasks.
\set k :client_id * 2000 + random(1, 2000)
SELECT t.id AS tid, i.revision AS rev, i.ledger_seq AS seq, length(i.state) AS len FROM tasks t JOIN instances i ON i.id = t.instance_id WHERE t.instance_id = md5(:k::text)::uuid AND t.state = 'open' LIMIT 1 \gset
\startpipeline
WITH saved AS (UPDATE instances SET revision = revision + 1, state = overlay(state placing '\x01'::bytea from 10) WHERE id = md5(:k::text)::uuid AND revision = :rev RETURNING 1) SELECT workflow_expect_one_saved(count(*), md5(:k::text)::uuid) FROM saved;
UPDATE tasks SET assignee = 'alice' WHERE id = :tid;
\endpipeline
SELECT i.revision AS rev2, length(i.state) AS len2 FROM tasks t JOIN instances i ON i.id = t.instance_id WHERE t.id = :tid AND t.state = 'open' \gset
\startpipeline
WITH saved AS (UPDATE instances SET revision = revision + 1, state = overlay(state placing '\x02'::bytea from 10) WHERE id = md5(:k::text)::uuid AND revision = :rev2 RETURNING 1) SELECT workflow_expect_one_saved(count(*), md5(:k::text)::uuid) FROM saved;
UPDATE tasks SET state = 'closed', closed_at = now() WHERE id = :tid;
INSERT INTO tasks (id, instance_id, process_id, element_id, name, kind, state, unit, business_key, priority, created_at, due_at) VALUES (md5(:k::text || '-' || :rev2)::uuid, md5(:k::text)::uuid, 'sim', 'Task_X', '调查', 'task', 'open', 'east', 'J-1', 0, now(), now() + interval '1 day');
\endpipeline
