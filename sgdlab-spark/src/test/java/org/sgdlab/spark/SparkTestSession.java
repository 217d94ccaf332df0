package org.sgdlab.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session all test classes of a JVM share (a JVM holds one SparkContext, and starting one costs
 * seconds). Master: the system property {@code sgdlab.spark.test.master} (surefire sets local[2], and local[4] for the
 * second run of the bit-equality test), else local[2]. Stopped by the JVM's shutdown hook.
 */
final class SparkTestSession {
    private static SparkSession session;

    private SparkTestSession() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder()
                    .master(System.getProperty("sgdlab.spark.test.master", "local[2]"))
                    .appName("sgdlab-spark tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.default.parallelism", "4")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
        }
        return session;
    }
}
