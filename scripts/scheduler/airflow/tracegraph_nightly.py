"""tracegraph nightly as an Airflow DAG: one run per UTC day, for that day ({{ ds }}), with spark-submit.

Needs the Spark provider (pip install apache-airflow-providers-apache-spark) and a Spark connection
(conn_id below) whose host is the master: spark://host:7077, yarn or k8s://https://host:443. The application
jar is jobs/target/tracegraph-jobs-<version>-spark.jar, built with `mvn package`, copied where the workers that
run spark-submit can read it.

The day: Airflow's logical date of a daily DAG is the start of the day its run covers, so `--date {{ ds }}`
analyses that day; the run starts at 02:30 UTC the day after (the schedule), when the archive holds the day and
the first hour of the next (tracegraph's --grace). Backfills (airflow dags backfill, or catchup) analyse each
missed day in order: max_active_runs=1 keeps two runs from writing the same output at once.

Exit codes of the job: 0 ok, 1 internal error, 2 usage, 3 bad input (a missing column, an unreadable file):
retrying does not fix 2 or 3, so retries are few. S3 credentials come from the workers' environment or instance
profile (never from this file); spark.hadoop.* settings below are the ones an S3-compatible store needs.
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

TRACEGRAPH_JAR = "/opt/tracegraph/tracegraph-jobs-0.1.0-spark.jar"

# The S3 connector: hadoop-aws and the AWS SDK modules it uses, as `mvn package` copies them to
# jobs/target/s3-jars/ (see docs/running-at-scale.md); spark-submit expands the glob. Leave out where the cluster
# ships its own S3 connector (EMR, Dataproc, ...).
S3_JARS = "/opt/tracegraph/s3-jars/*.jar"

with DAG(
    dag_id="tracegraph_nightly",
    description="tracegraph nightly: trace trees, dependency graph, tables and reports of one UTC day",
    schedule="30 2 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=30)},
    tags=["tracegraph"],
) as dag:
    nightly = SparkSubmitOperator(
        task_id="nightly",
        conn_id="spark_default",
        application=TRACEGRAPH_JAR,
        java_class="io.tracegraph.jobs.cli.TracegraphCli",
        name="tracegraph-nightly-{{ ds }}",
        jars=S3_JARS,
        conf={
            "spark.executor.memory": "8g",
            "spark.driver.memory": "4g",
            "spark.hadoop.fs.s3a.endpoint.region": "us-east-1",
        },
        application_args=[
            "nightly",
            "--spans", "s3a://traces/spans",
            "--out", "s3a://traces/tracegraph",
            "--date", "{{ ds }}",
        ],
        execution_timeout=timedelta(hours=6),
    )
