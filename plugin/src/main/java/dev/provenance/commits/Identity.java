package dev.provenance.commits;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person or tool as git writes it: {@code Name <email>}.
 *
 * @param name the display name, trimmed; may be empty
 * @param email the address between the angle brackets; empty when the value had none
 */
public record Identity(String name, String email) {

    private static final Pattern NAME_EMAIL = Pattern.compile("^(.*?)\\s*<([^<>]*)>\\s*$");

    /** Parses {@code Name <email>}; a value without angle brackets becomes a name with an empty email. */
    public static Identity parse(String value) {
        Matcher matcher = NAME_EMAIL.matcher(value.strip());
        if (matcher.matches()) {
            return new Identity(matcher.group(1).strip(), matcher.group(2).strip());
        }
        return new Identity(value.strip(), "");
    }

    /** Returns true when an email address is present. */
    public boolean hasEmail() {
        return !email.isEmpty();
    }

    /** Returns true when both identities have the same email, or, lacking emails, the same name; case is ignored. */
    public boolean samePerson(Identity other) {
        if (hasEmail() && other.hasEmail() && email.equalsIgnoreCase(other.email)) {
            return true;
        }
        return !name.isEmpty() && name.toLowerCase(Locale.ROOT).equals(other.name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return hasEmail() ? name + " <" + email + ">" : name;
    }
}
