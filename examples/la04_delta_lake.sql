-- LA-04 "Explore Delta Lake", as SQL statements for `tarn sql -f`.
-- The lab's products.csv is reached through the volume `lab_files` (scripts/main_job.sh creates it
-- over ../shared/data/mslearn, or over tarn's built-in sample data when that folder is absent).

-- Load the file into a managed Delta table (the lab's df.writeTo("Products").createOrReplace()).
CREATE OR REPLACE TABLE products AS
SELECT * FROM read_files('/Volumes/main/default/lab_files/products.csv', format => 'csv', header => true);

SELECT * FROM products ORDER BY ProductID LIMIT 10;

-- Reduce the price of product 771 by 10%.
UPDATE products SET ListPrice = ListPrice * 0.9 WHERE ProductID = 771;

-- Time travel: the product before and after the update.
SELECT 'version 0' AS version, ProductID, ProductName, ListPrice FROM products VERSION AS OF 0 WHERE ProductID = 771
UNION ALL
SELECT 'latest', ProductID, ProductName, ListPrice FROM products WHERE ProductID = 771
ORDER BY version DESC;

-- The log: every change to the table.
DESCRIBE HISTORY products LIMIT 10;

-- Optimize the layout, then remove files older than the retention period (7 days).
OPTIMIZE products;
VACUUM products RETAIN 168 HOURS;

DESCRIBE DETAIL products;
