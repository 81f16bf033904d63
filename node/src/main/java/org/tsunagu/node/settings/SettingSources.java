package org.tsunagu.node.settings;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tsunagu.node.home.NodeConfig;
import org.tsunagu.node.home.NodeFileException;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.canon.StrictJson;

/**
 * Where settings come from, in order of precedence: flags given to the command, {@code TSUNAGU_*}
 * environment variables, node.json's {@code settings} object, the built-in defaults.
 */
public final class SettingSources {
    /** The member of node.json that holds settings. */
    public static final String MEMBER = NodeConfig.SETTINGS_MEMBER;

    private SettingSources() {}

    /**
     * Resolves every setting.
     *
     * @param flags values given as flags, by setting name (absent when not given)
     * @param env the environment variables
     * @param configFile node.json; a file that does not exist (a folder not initialised yet) holds none
     * @throws SettingException naming the setting and its source, for the first value not accepted
     */
    public static Settings resolve(Map<String, String> flags, Map<String, String> env, Path configFile) {
        Map<String, String> inFile = fromFile(configFile);
        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        Map<Setting<?>, String> sources = new LinkedHashMap<>();
        for (Setting<?> s : Settings.ALL) {
            // Every value given is checked, also one a higher source overrides: the admin should fix it.
            Object fromFlag = parse(s, flags.get(s.name()), s.flag());
            String envText = env.get(s.env());
            Object fromEnv = parse(s, envText == null || envText.isBlank() ? null : envText, s.env());
            Object fromFile = parse(s, inFile.get(s.name()), configFile.toString());
            if (fromFlag != null) {
                values.put(s, fromFlag);
                sources.put(s, s.flag());
            } else if (fromEnv != null) {
                values.put(s, fromEnv);
                sources.put(s, s.env());
            } else if (fromFile != null) {
                values.put(s, fromFile);
                sources.put(s, configFile.toString());
            } else {
                values.put(s, s.defaultValue());
            }
        }
        return new Settings(values, sources);
    }

    /** The value of {@code text} from {@code source}, or null when that source does not set it. */
    private static Object parse(Setting<?> setting, String text, String source) {
        if (text == null) {
            return null;
        }
        try {
            return setting.parse(text);
        } catch (IllegalArgumentException e) {
            throw new SettingException(setting.name(), source, e.getMessage());
        }
    }

    /** node.json's settings as text by name; every name must be a known setting. */
    private static Map<String, String> fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        JsonNode settings;
        try {
            settings = StrictJson.parse(Files.readAllBytes(file)).path(MEMBER);
        } catch (IOException e) {
            throw new NodeFileException(file, "cannot read: " + e.getMessage());
        } catch (ProtocolException e) {
            throw new NodeFileException(file, e.getMessage());
        }
        if (settings.isMissingNode()) {
            return Map.of();
        }
        if (!settings.isObject()) {
            throw new NodeFileException(file, "\"" + MEMBER + "\" must be an object of setting names to values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (Settings.named(e.getKey()) == null) {
                throw new SettingException(
                        e.getKey(),
                        file.toString(),
                        "no such setting; the settings are listed in docs/OPERATIONS.md and by tsunagu serve --help");
            }
            JsonNode value = e.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw new SettingException(e.getKey(), file.toString(), "must be a string, a number or true/false");
            }
            out.put(e.getKey(), value.asText());
        }
        return out;
    }
}
