-- The shape of attendance in a city or large data set (docs/performance.md, "Attendance"):
-- attendances per bulk person over five years, last quarter's attenders, session sizes by kind.
WITH bulk AS (SELECT id FROM people_person WHERE created_by_id IN (SELECT id FROM accounts_user WHERE NOT is_demo_account) OR created_by_id IS NULL),
per AS (SELECT p.id, count(a.id) n FROM bulk p LEFT JOIN community_attendance a ON a.person_id = p.id GROUP BY p.id)
SELECT 'five years' span, count(*) people, sum((n=0)::int) never, sum((n between 1 and 5)::int) "1-5", sum((n between 6 and 20)::int) "6-20", sum((n between 21 and 100)::int) "21-100", sum((n>100)::int) ">100", max(n) FROM per;
WITH q AS (SELECT a.person_id, count(*) n FROM community_attendance a JOIN community_session s ON s.id=a.session_id
  WHERE s.starts_at >= date_trunc('quarter', now()) - interval '3 months' AND s.starts_at < date_trunc('quarter', now()) GROUP BY 1)
SELECT 'last quarter' span, count(*) attenders, sum((n=1)::int) once, sum((n between 2 and 3)::int) "2-3", sum((n between 4 and 8)::int) "4-8", sum((n>=9)::int) "9+", sum(n) attendances, round(100.0*sum(n) filter (where n>=9)/sum(n),1) pct_by_9plus FROM q;
SELECT act.kind, round(avg(c),1) mean, percentile_cont(0.5) within group (order by c) median, min(c), max(c) FROM (SELECT s.id, s.activity_id, count(a.id) c FROM community_session s LEFT JOIN community_attendance a ON a.session_id=s.id WHERE s.starts_at < now() AND s.cancelled_at IS NULL GROUP BY s.id) x JOIN community_activity act ON act.id=x.activity_id JOIN community_project p ON p.id=act.project_id WHERE p.name LIKE '%(Area %' GROUP BY act.kind;
SELECT count(*) attendances FROM community_attendance;
