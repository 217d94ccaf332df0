package org.sgdlab.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * Reads labelled rows with Spark's own readers (Parquet, CSV, LIBSVM) and packs them into {@link DistributedRows}.
 *
 * <p>Columns: the label is the column named by {@code label}, else "label", else "y", else the last column (CSV
 * without a header: Spark names the columns _c0, _c1, …; an integer selects a column by position). The features are
 * either one ml {@code Vector} column (the LIBSVM reader's "features", made dense) or every other numeric column in
 * schema order.
 */
public final class SparkData {
    private SparkData() {
    }

    /** The source format of a path: by {@code format} when given, else by extension (a folder is Parquet). */
    public static String formatOf(String path, String format) {
        if (format != null && !format.isBlank()) {
            String f = format.toLowerCase(Locale.ROOT);
            if (!f.equals("parquet") && !f.equals("csv") && !f.equals("libsvm")) {
                throw new IllegalArgumentException("format must be parquet, csv or libsvm, got \"" + format + "\"");
            }
            return f;
        }
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".csv") || p.endsWith(".csv.gz")) {
            return "csv";
        }
        if (p.endsWith(".libsvm") || p.endsWith(".svm") || p.endsWith(".svmlight")) {
            return "libsvm";
        }
        return "parquet";
    }

    /**
     * Reads {@code path} with Spark's reader for {@code format} ({@link #formatOf}).
     *
     * @param header CSV only: whether the first line names the columns
     */
    public static Dataset<Row> read(SparkSession spark, String path, String format, boolean header) {
        DistributedRows.requireName(path, "path");
        return switch (formatOf(path, format)) {
            case "csv" -> spark.read().option("header", header).option("inferSchema", true).csv(path);
            case "libsvm" -> spark.read().format("libsvm").load(path);
            default -> spark.read().parquet(path);
        };
    }

    /** Reads and packs: {@link #read}, then {@link #rows}. */
    public static DistributedRows load(SparkSession spark, String path, String format, boolean header, String label) {
        return rows(path, read(spark, path, format, header), label);
    }

    /**
     * The labelled rows of {@code df} packed into cached blocks (see the class comment for the columns).
     *
     * @throws IllegalArgumentException naming the column when the label is missing or a feature is not numeric
     */
    public static DistributedRows rows(String name, Dataset<Row> df, String label) {
        StructField[] fields = df.schema().fields();
        int labelAt = labelIndex(fields, label);
        List<Integer> featureAt = new ArrayList<>();
        List<String> names = new ArrayList<>();
        boolean vector = false;
        for (int i = 0; i < fields.length; i++) {
            if (i == labelAt) {
                continue;
            }
            DataType t = fields[i].dataType();
            if (t instanceof VectorUDT) {
                vector = true;
            } else if (!(t instanceof NumericType)) {
                throw new IllegalArgumentException(name + ": column \"" + fields[i].name() + "\" is " + t.simpleString()
                        + ", not numeric");
            }
            featureAt.add(i);
            names.add(fields[i].name());
        }
        if (!(fields[labelAt].dataType() instanceof NumericType)) {
            throw new IllegalArgumentException(name + ": label column \"" + fields[labelAt].name() + "\" is "
                    + fields[labelAt].dataType().simpleString() + ", not numeric");
        }
        if (vector && featureAt.size() != 1) {
            throw new IllegalArgumentException(name + ": a vector features column must be the only feature column, got "
                    + names);
        }
        if (featureAt.isEmpty()) {
            throw new IllegalArgumentException(name + ": no feature columns besides the label \"" + fields[labelAt].name() + "\"");
        }
        int[] cols = featureAt.stream().mapToInt(Integer::intValue).toArray();
        int y = labelAt;
        if (vector) {
            JavaRDD<LabeledRow> rows = df.javaRDD().map(r -> toLabeled(r, cols[0], y, name));
            return DistributedRows.pack(name, rows, List.of());
        }
        // Numeric columns: cast to double in Spark and read the scan's internal rows directly (no Row objects: the
        // conversion to external rows cost more than the Parquet scan itself)
        Column[] select = new Column[cols.length + 1];
        for (int j = 0; j < cols.length; j++) {
            select[j] = df.col(quoted(fields[cols[j]].name())).cast(DataTypes.DoubleType);
        }
        select[cols.length] = df.col(quoted(fields[labelAt].name())).cast(DataTypes.DoubleType);
        int d = cols.length;
        JavaRDD<LabeledRow> rows = df.select(select).queryExecution().toRdd().toJavaRDD().map(r -> {
            double[] x = new double[d];
            for (int j = 0; j <= d; j++) {
                if (r.isNullAt(j)) {
                    throw new IllegalArgumentException(name + ": a row has no value (null) in column \""
                            + (j < d ? names.get(j) : fields[y].name()) + "\"");
                }
            }
            for (int j = 0; j < d; j++) {
                x[j] = r.getDouble(j);
            }
            return new LabeledRow(x, r.getDouble(d));
        });
        return DistributedRows.pack(name, rows, names);
    }

    /** A column name as Spark's col() reads it literally (dots and backticks escaped). */
    private static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    /** A row of the LIBSVM reader: the label and the features' vector column. */
    private static LabeledRow toLabeled(Row r, int vectorColumn, int label, String name) {
        if (r.isNullAt(label)) {
            throw new IllegalArgumentException(name + ": a row has no label (null): " + r);
        }
        double yv = ((Number) r.get(label)).doubleValue();
        return new LabeledRow(((Vector) r.get(vectorColumn)).toArray(), yv);
    }

    private static int labelIndex(StructField[] fields, String label) {
        if (label != null && !label.isBlank()) {
            for (int i = 0; i < fields.length; i++) {
                if (fields[i].name().equals(label)) {
                    return i;
                }
            }
            if (label.chars().allMatch(Character::isDigit)) {
                int i = Integer.parseInt(label);
                if (i < fields.length) {
                    return i;
                }
            }
            throw new IllegalArgumentException("label column \"" + label + "\" not found; columns: " + names(fields));
        }
        for (String guess : new String[] {"label", "y"}) {
            for (int i = 0; i < fields.length; i++) {
                if (fields[i].name().equals(guess)) {
                    return i;
                }
            }
        }
        return fields.length - 1;
    }

    private static List<String> names(StructField[] fields) {
        List<String> out = new ArrayList<>();
        for (StructField f : fields) {
            out.add(f.name());
        }
        return out;
    }

}
