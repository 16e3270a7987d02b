"""Extract the articles of Common Crawl WARC files with klartext on Spark, into Parquet.

Each WARC file is one Spark task: the task streams the file (never whole in memory)
through klartext.iter_warc and writes one row per page with klartext's fields under a
fixed schema (klartext.spark.warc_schema()).

Locally (Spark in local mode, any WARC files you have, one path or URL per line):

    pip install .[spark]            # from the klartext repository root
    python examples/spark_commoncrawl.py --paths my-warcs.txt --out articles.parquet \
        --master 'local[2]'

On a cluster, against Common Crawl (crawl names: https://commoncrawl.org/get-started):

    pip wheel . -w dist             # the klartext wheel (abi3: any CPython >= 3.9)
    spark-submit \
        --conf spark.executorEnv.AWS_REGION=us-east-1 \
        --conf spark.task.cpus=1 \
        --conf spark.executor.memory=4g \
        --packages org.apache.hadoop:hadoop-aws:3.4.1 \
        examples/spark_commoncrawl.py \
        --crawl CC-MAIN-2024-51 --files 1000 --lang de,en --min-chars 500 \
        --out s3a://YOUR-BUCKET/klartext/CC-MAIN-2024-51/

What the cluster needs (the settings a user must set):

- klartext and pyarrow on every executor's Python: install dist/klartext-*.whl and
  pyarrow with a bootstrap action or in the image, or ship a packed virtualenv with
  ``--archives env.tar.gz#env`` and ``--conf spark.pyspark.python=./env/bin/python``.
- Reading ``s3://commoncrawl/``: Common Crawl's bucket needs signed requests, i.e. AWS
  credentials on the executors (an instance profile, or AWS_ACCESS_KEY_ID /
  AWS_SECRET_ACCESS_KEY via spark.executorEnv.*) and the region us-east-1 (run the cluster
  there: the data does not leave the region for free). pyarrow's S3 file system reads
  them. Without AWS, ``--source https`` reads the same files from data.commoncrawl.org
  over HTTPS (slower, rate limited: keep --files small).
- Writing to ``s3a://``: the hadoop-aws package matching the cluster's Hadoop (EMR and
  Dataproc have it) and its credentials (``spark.hadoop.fs.s3a.aws.credentials.provider``).
- Parallelism: one task per WARC file (~1 GB compressed, ~30-40k pages); the job
  repartitions the path list to one file per partition. klartext uses one thread per task
  (``threads=1``) because Spark already runs one task per core. Memory per task stays
  small (a batch of records at a time); 1-2 GB per core is plenty.
"""

import argparse
import os
import sys

from pyspark.sql import SparkSession

from klartext.spark import extract_warc

SOURCES = {"s3": "s3://commoncrawl/", "https": "https://data.commoncrawl.org/"}


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--crawl", help="a Common Crawl crawl, e.g. CC-MAIN-2024-51")
    which.add_argument("--paths", help="a text file (local or s3a://) with one WARC path per line")
    p.add_argument("--files", type=int, default=10, help="how many WARC files of the crawl")
    p.add_argument("--source", choices=sorted(SOURCES), default="s3",
                   help="read Common Crawl from S3 (needs AWS credentials) or over HTTPS")
    p.add_argument("--out", required=True, help="where the Parquet goes (a path or s3a:// URL)")
    p.add_argument("--lang", help="keep only these languages, e.g. de,en")
    p.add_argument("--min-chars", type=int, default=0, help="keep only pages with this much text")
    p.add_argument("--master", help="Spark master for a local run, e.g. local[2]")
    return p.parse_args(argv)


def warc_paths(spark, args):
    """The WARC files to read, as a one-column DataFrame 'path'."""
    if args.paths:
        lines = spark.read.text(args.paths)
        return lines.where("trim(value) != ''").selectExpr("trim(value) AS path")
    # warc.paths.gz lists the crawl's files relative to the bucket root.
    listing = f"{SOURCES['s3'].replace('s3://', 's3a://')}crawl-data/{args.crawl}/warc.paths.gz"
    if args.source == "https":
        listing = f"{SOURCES['https']}crawl-data/{args.crawl}/warc.paths.gz"
        import gzip
        import urllib.request

        with urllib.request.urlopen(listing) as response:  # noqa: S310
            names = gzip.decompress(response.read()).decode().split()[: args.files]
        rows = [(SOURCES["https"] + name,) for name in names]
        return spark.createDataFrame(rows, "path string")
    lines = spark.read.text(listing).limit(args.files)
    return lines.selectExpr(f"concat('{SOURCES['s3']}', value) AS path")


def main(argv=None):
    args = parse_args(argv)
    builder = SparkSession.builder.appName("klartext-commoncrawl")
    if args.master:
        builder = builder.master(args.master)
        if args.master.startswith("local"):
            # Local workers run this interpreter, the one klartext is installed in.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = builder.getOrCreate()
    paths = warc_paths(spark, args).cache()
    files = paths.count()
    articles = extract_warc(paths.repartition(max(files, 1)), lang=args.lang,
                            min_chars=args.min_chars)
    articles.write.mode("overwrite").parquet(args.out)
    written = spark.read.parquet(args.out)
    print(f"{files} WARC files -> {written.count()} rows "
          f"({written.where('error IS NOT NULL').count()} with an error) in {args.out}")
    spark.stop()


if __name__ == "__main__":
    main()
