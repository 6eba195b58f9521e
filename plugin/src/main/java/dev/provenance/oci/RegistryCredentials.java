package dev.provenance.oci;

/**
 * A user name and password, or an identity token, for one registry. {@link #toString()} hides the password.
 *
 * @param username the user name
 * @param password the password or token
 */
public record RegistryCredentials(String username, String password) {

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", password=****]";
    }
}
