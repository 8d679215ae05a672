package io.weir.pipeline.internal.codec;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The names of syslog facilities and severities (RFC 5424, section 6.2.1), as rsyslog spells them. */
final class SyslogNames {
    static final List<String> FACILITIES = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
            "uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "solaris-cron",
            "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7");
    static final List<String> SEVERITIES = List.of("emerg", "alert", "crit", "err", "warning", "notice", "info", "debug");
    private static final Map<String, String> SEVERITY_ALIASES = Map.of("emergency", "emerg", "panic", "emerg",
            "critical", "crit", "error", "err", "warn", "warning", "informational", "info");

    private SyslogNames() {
    }

    /** @return the facility's code, from its name or number; -1 when it is neither */
    static int facility(Object value) {
        return code(value, FACILITIES, Map.of());
    }

    /** @return the severity's code, from its name (or a common alias) or number; -1 when it is neither */
    static int severity(Object value) {
        return code(value, SEVERITIES, SEVERITY_ALIASES);
    }

    private static int code(Object value, List<String> names, Map<String, String> aliases) {
        if (value instanceof Long || value instanceof Integer) {
            long n = ((Number) value).longValue();
            return n >= 0 && n < names.size() ? (int) n : -1;
        }
        if (value instanceof String) {
            String name = ((String) value).toLowerCase(Locale.ROOT);
            return names.indexOf(aliases.getOrDefault(name, name));
        }
        return -1;
    }
}
