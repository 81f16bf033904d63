package org.tsunagu.node.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tsunagu.node.settings.Setting;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The settings as command-line flags, built from the catalog so flags, environment variables and
 * node.json always use the same names. Values are taken as text and checked when settings are
 * resolved, so a bad flag gets the same message as a bad environment variable.
 */
final class SettingOptions {
    private SettingOptions() {}

    /** Adds a flag for each of {@code settings} to {@code command}. */
    static void add(CommandSpec command, List<Setting<?>> settings) {
        for (Setting<?> s : settings) {
            command.addOption(OptionSpec.builder(s.flag())
                    .paramLabel(s.label())
                    .type(String.class)
                    .arity("1")
                    .description(s.description() + " Env: " + s.env() + ". Default: " + s.defaultText())
                    .build());
        }
    }

    /** The flags given on the command line, by setting name. */
    static Map<String, String> given(CommandSpec command, List<Setting<?>> settings) {
        Map<String, String> out = new HashMap<>();
        for (Setting<?> s : settings) {
            OptionSpec option = command.findOption(s.flag());
            Object value = option == null ? null : option.getValue();
            if (value != null) {
                out.put(s.name(), value.toString());
            }
        }
        return out;
    }
}
