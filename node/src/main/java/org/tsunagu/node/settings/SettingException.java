package org.tsunagu.node.settings;

import org.tsunagu.node.home.NodeFileException;

/**
 * A setting given a value it does not accept, or a setting that does not exist. The message names the
 * setting and where the value came from (a flag, an environment variable or node.json), so start-up can
 * fail with it alone.
 */
public final class SettingException extends NodeFileException {
    private final String setting;

    SettingException(String setting, String source, String message) {
        super("setting " + setting + " (from " + source + "): " + message);
        this.setting = setting;
    }

    /** The setting's name as in node.json. */
    public String setting() {
        return setting;
    }
}
