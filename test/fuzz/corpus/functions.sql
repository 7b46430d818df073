SELECT CASE a WHEN 1 THEN 'x' ELSE 'y' END, EXTRACT(YEAR FROM d), SUBSTRING(s FROM 2 FOR 3),
  POSITION('a' IN s), TRIM(LEADING 'x' FROM s), transform(xs, x -> x + 1), aggregate(xs, 0, (acc, x) -> acc + x),
  a[0].f, m['k'], current_date, first(x) IGNORE NULLS, rank() OVER w, (a, b) IN (SELECT 1, 2)
FROM t LATERAL VIEW OUTER explode(arr) e AS v WINDOW w AS (ORDER BY a) QUALIFY rank() OVER w = 1;
EXPLAIN EXTENDED SELECT 1; SHOW SYSTEM FUNCTIONS LIKE 'a*'; DESCRIBE FUNCTION EXTENDED upper;
SET spark.sql.ansi.enabled = true; CREATE OR REPLACE TEMP VIEW v (a) AS SELECT 1; DROP VIEW IF EXISTS v;
