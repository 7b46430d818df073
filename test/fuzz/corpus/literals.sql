SELECT -2147483648, 9223372036854775808, 1.5BD, 1e3, 2D, 3F, 4L, 5S, 6Y, X'0A0B', 'it''s' "a" '\u0041\n',
  DATE '2020-01-01', TIMESTAMP '2020-01-01 10:00:00.123+01:00', TIMESTAMP_NTZ '2020-01-01',
  INTERVAL '2-3' YEAR TO MONTH, INTERVAL '1 10:00:00' DAY TO SECOND, INTERVAL 1 YEAR 2 MONTHS 3 DAYS,
  CAST(a AS map<string, array<struct<x: int, y decimal(10,2)>>>), a::int, TRY_CAST(b AS timestamp_ntz)
/* nested /* comment */ */ -- trailing
