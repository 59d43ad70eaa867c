package openchat.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The body of a LIST or WHO answer: a header row naming the columns, then one row per room or member, cells
 * separated by TAB, rows ended by LF. Cells hold no TAB or line break, so splitting is exact; columns are found
 * by name so that a server adding one does not break the client.
 */
record TsvTable(List<String> header, List<List<String>> rows) {

    static TsvTable parse(String body) {
        List<List<String>> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isEmpty()) {
                lines.add(Arrays.asList(line.split("\t", -1)));
            }
        }
        if (lines.isEmpty()) {
            return new TsvTable(List.of(), List.of());
        }
        return new TsvTable(lines.get(0), lines.subList(1, lines.size()));
    }

    /** The cell of {@code row} in {@code column}, or "" when the row or the table lacks it. */
    String cell(List<String> row, String column) {
        int index = header.indexOf(column);
        return index >= 0 && index < row.size() ? row.get(index) : "";
    }
}
