-- LA-05 "Build a data pipeline": the bronze / silver / gold tables of the COVID-19 lab, as plain
-- SQL statements for `tarn sql -f` (the lab defines them as a declarative pipeline).
-- covid_data.csv is reached through the volume `lab_files` (see scripts/main_job.sh).

-- The lab file writes dates as M/d/yyyy ('2/7/2021'). Spark 4 parses 'MM/dd/yyyy' strictly and
-- rejects single-digit months; the legacy parser, as on Databricks, accepts them.
SET spark.sql.legacy.timeParserPolicy = LEGACY;

-- Bronze: the raw rows, as read_files infers them.
CREATE OR REPLACE TABLE covid_bronze
COMMENT 'New covid data ingested from the landing volume'
AS SELECT Last_Update, Country_Region, Confirmed, Deaths, Recovered
FROM read_files('/Volumes/main/default/lab_files/covid_data.csv', format => 'csv', header => true);

-- Silver: typed report dates; a row without Country_Region fails the load (the lab's
-- EXPECT (Country_Region IS NOT NULL) ON VIOLATION FAIL UPDATE).
CREATE OR REPLACE TABLE covid_silver (
  Report_Date DATE,
  Country_Region STRING,
  Confirmed BIGINT,
  Deaths BIGINT,
  Recovered BIGINT
) COMMENT 'Formatted and filtered data for analysis.';
ALTER TABLE covid_silver ADD CONSTRAINT valid_country_region CHECK (Country_Region IS NOT NULL);

INSERT INTO covid_silver
SELECT TO_DATE(Last_Update, 'MM/dd/yyyy') AS Report_Date, Country_Region, Confirmed, Deaths, Recovered
FROM covid_bronze;

-- Gold: daily totals for the US.
CREATE OR REPLACE TABLE covid_gold
COMMENT 'Aggregated daily data for the US with total counts.'
AS SELECT Report_Date, sum(Confirmed) AS Total_Confirmed, sum(Deaths) AS Total_Deaths,
          sum(Recovered) AS Total_Recovered
FROM covid_silver
WHERE Country_Region = 'US'
GROUP BY Report_Date;

SELECT (SELECT count(*) FROM covid_bronze) AS bronze_rows, (SELECT count(*) FROM covid_silver) AS silver_rows,
       (SELECT count(*) FROM covid_gold) AS gold_rows;

SELECT * FROM covid_gold ORDER BY Report_Date;
