package org.sgdlab.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Writes a core data set as one Parquet file in small row groups, so that Spark reads it in several partitions. */
final class TestData {
    private TestData() {
    }

    /** The rows of {@code data} as a DataFrame with columns x0..x{d−1} and "label". */
    static Dataset<Row> frame(SparkSession spark, org.sgdlab.data.Dataset data) {
        int d = data.d();
        List<StructField> fields = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            fields.add(DataTypes.createStructField("x" + j, DataTypes.DoubleType, false));
        }
        fields.add(DataTypes.createStructField("label", DataTypes.DoubleType, false));
        List<Row> rows = new ArrayList<>(data.n());
        for (int i = 0; i < data.n(); i++) {
            Object[] v = new Object[d + 1];
            for (int j = 0; j < d; j++) {
                v[j] = data.x().get(i, j);
            }
            v[d] = data.y()[i];
            rows.add(RowFactory.create(v));
        }
        return spark.createDataFrame(rows, DataTypes.createStructType(fields));
    }

    /** Writes {@code data} as one Parquet file (row groups of about {@code rowGroupBytes}) under {@code dir}. */
    static String parquet(SparkSession spark, org.sgdlab.data.Dataset data, Path dir, int rowGroupBytes) {
        String path = dir.resolve("data.parquet").toString();
        frame(spark, data).coalesce(1).write().option("parquet.block.size", Integer.toString(rowGroupBytes))
                .mode("overwrite").parquet(path);
        return path;
    }

    static StructType schemaOf(Dataset<Row> df) {
        return df.schema();
    }
}
