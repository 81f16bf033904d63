package org.tsunagu.node.cli;

import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Container-friendly defaults: {@code --data}, {@code --port} and {@code --host} fall back to
 * TSUNAGU_DATA, TSUNAGU_PORT and TSUNAGU_HOST. A flag given on the command line always wins. The other
 * TSUNAGU_* variables (limits and policies) are settings, resolved with node.json by {@code
 * settings.SettingSources}.
 */
final class EnvDefaults implements IDefaultValueProvider {
    static final Map<String, String> VARIABLES =
            Map.of("--data", "TSUNAGU_DATA", "--port", "TSUNAGU_PORT", "--host", "TSUNAGU_HOST");

    private final Map<String, String> env;

    EnvDefaults(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (arg instanceof OptionSpec option) {
            String variable = VARIABLES.get(option.longestName());
            if (variable != null) {
                String value = env.get(variable);
                return value == null || value.isBlank() ? null : value;
            }
        }
        return null;
    }
}
