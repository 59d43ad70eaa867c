package openchat.app;

import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/**
 * A number with decimals on the command line ({@code 2.5}, {@code 0.25}, {@code 1e-3}), as a person writes one.
 * Java's own reading, which picocli uses for a {@code double}, also takes {@code NaN}, {@code Infinity}, hexadecimal,
 * a {@code d} or {@code f} suffix and surrounding spaces, and turns {@code 1e400} into infinity: none is a value an
 * option means, and a space is refused here as the whole-number options refuse it.
 */
final class DecimalOption implements ITypeConverter<Double> {
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    @Override
    public Double convert(String value) {
        if (!DECIMAL.matcher(value).matches()) {
            throw new OpenchatCommand.WordedConversion("value.notNumber", value);
        }
        double number = Double.parseDouble(value);
        if (Double.isInfinite(number)) {
            throw new OpenchatCommand.WordedConversion("value.tooLarge", value);
        }
        return number;
    }
}
