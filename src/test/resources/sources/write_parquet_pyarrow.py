"""An independent Parquet writer for the tests: pyarrow (not DuckDB, which openlgd reads Parquet with) writes
data/categorical/bank1.csv as cat_bank1_pyarrow.parquet, with integer columns as int64 and text as string, the
cells openlgd's CSV reader takes as missing as nulls.

    python3 -m venv /tmp/pq && /tmp/pq/bin/pip install pyarrow   # written with pyarrow 25.0.1
    /tmp/pq/bin/python src/test/resources/sources/write_parquet_pyarrow.py
"""
import pathlib

import pyarrow as pa
import pyarrow.csv as csv
import pyarrow.parquet as pq

here = pathlib.Path(__file__).resolve().parent
root = here.parents[3]
types = {"LGD": pa.float64(), "ltv": pa.float64(), "senior": pa.int64(), "ead": pa.float64(),
         "months_in_default": pa.int64(), "collateral": pa.string(), "facility": pa.string()}
missing = ["", "NA", "N/A", "n/a", "NaN", "nan", "-NaN", "-nan", "null", "NULL", "None", "<NA>", "#N/A", "#NA"]
table = csv.read_csv(root / "data" / "categorical" / "bank1.csv",
                     convert_options=csv.ConvertOptions(column_types=types, null_values=missing,
                                                        strings_can_be_null=True))
pq.write_table(table, here / "cat_bank1_pyarrow.parquet", compression="snappy")
print(f"wrote {table.num_rows} rows, pyarrow {pa.__version__}")
