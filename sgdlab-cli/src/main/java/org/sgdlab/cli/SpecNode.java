package org.sgdlab.cli;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One node of a spec file as SnakeYAML composed it (no Java objects are constructed from the YAML: only mappings, lists
 * and text), with its file, its key path and its line, so that every error names all three and what was expected.
 */
final class SpecNode {
    private final String file;
    private final String key;
    private final Node node;
    /** The line of this node's key in its mapping (0 for list items and the root). */
    private int keyLine;

    private SpecNode(String file, String key, Node node) {
        this.file = file;
        this.key = key;
        this.node = node;
    }

    /** The root mapping of {@code file} (read as UTF-8); a YAML syntax error names its line. */
    static SpecNode read(Path file) throws IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The root of {@code text}, reported as file {@code name}. */
    static SpecNode parse(String name, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(1 << 20);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new SpecException(name, null, line, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new SpecException(name, null, 0, "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new SpecException(name, null, 0, "the file is empty; expected a mapping with the keys of docs/specs.md");
        }
        SpecNode n = new SpecNode(name, null, root);
        if (!(root instanceof MappingNode)) {
            throw n.error("expected a mapping of keys (name:, train:, prediction:, …) at the top of the file");
        }
        return n;
    }

    /** 1-based line of this node. */
    int line() {
        return node.getStartMark() != null ? node.getStartMark().getLine() + 1 : 0;
    }

    /** The key path, e.g. {@code train.lr} (null for the root). */
    String key() {
        return key;
    }

    String file() {
        return file;
    }

    /** An error at this node. */
    SpecException error(String problem) {
        return new SpecException(file, key, line(), problem);
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    boolean isList() {
        return node instanceof SequenceNode;
    }

    /**
     * The entries of this mapping in file order; a key outside {@code allowed} (null: any) is an error listing them.
     */
    Map<String, SpecNode> entries(Collection<String> allowed) {
        if (!(node instanceof MappingNode m)) {
            throw error("expected a mapping (key: value lines), got " + kind());
        }
        Map<String, SpecNode> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new SpecException(file, key, t.getKeyNode().getStartMark().getLine() + 1, "keys must be plain names");
            }
            String name = k.getValue();
            String path = key == null ? name : key + "." + name;
            if (out.containsKey(name)) {
                throw new SpecException(file, path, k.getStartMark().getLine() + 1, "the key is given twice (first on line "
                        + out.get(name).keyLine + ")");
            }
            if (allowed != null && !allowed.contains(name)) {
                throw new SpecException(file, path, k.getStartMark().getLine() + 1, "unknown key; expected one of "
                        + String.join(", ", allowed));
            }
            SpecNode v = new SpecNode(file, path, t.getValueNode());
            v.keyLine = k.getStartMark().getLine() + 1;
            out.put(name, v);
        }
        return out;
    }

    /** The items of this list; a single value counts as a list of one. */
    List<SpecNode> items() {
        List<SpecNode> out = new ArrayList<>();
        if (node instanceof SequenceNode s) {
            for (int i = 0; i < s.getValue().size(); i++) {
                out.add(new SpecNode(file, key + "[" + i + "]", s.getValue().get(i)));
            }
        } else if (node instanceof ScalarNode) {
            out.add(this);
        } else {
            throw error("expected a list [a, b, …] or a single value, got a mapping");
        }
        return out;
    }

    /** The text of this scalar; {@code expected} says what it should be. */
    String text(String expected) {
        if (!(node instanceof ScalarNode s)) {
            throw error("expected " + expected + ", got " + kind());
        }
        return s.getValue();
    }

    /** This scalar as a whole number ≥ {@code min}. */
    long integer(long min, String expected) {
        String t = text(expected);
        try {
            long v = Long.parseLong(t.strip().replace("_", ""));
            if (v < min) {
                throw error("expected " + expected + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw error("expected " + expected + ", got \"" + t + "\"");
        }
    }

    private String kind() {
        return node instanceof MappingNode ? "a mapping" : node instanceof SequenceNode ? "a list" : "\"" + ((ScalarNode) node).getValue() + "\"";
    }
}
