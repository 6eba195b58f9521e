package dev.provenance.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks that mojos name no library type in a field or method signature. Maven loads those types for every mojo of the
 * plugin, whichever goal runs (seen in JDK Flight Recorder profiles), and a signed jar such as JGit's costs a signature
 * check on its first class.
 */
class MojoSignaturesTest {

    private static final List<String> HEAVY_PACKAGES = List.of(
            "org.eclipse.jgit.", "org.bouncycastle.", "org.cyclonedx.", "com.networknt.", "com.fasterxml.jackson.");

    @Test
    void mojoSignaturesNameNoLibraryType() throws Exception {
        List<Class<?>> mojos = mojoClasses();
        assertThat(mojos).hasSizeGreaterThanOrEqualTo(6);

        List<String> offending = new ArrayList<>();
        for (Class<?> mojo : mojos) {
            for (Method method : mojo.getDeclaredMethods()) {
                check(mojo, method.getName(), method.getReturnType(), offending);
                for (Class<?> parameter : method.getParameterTypes()) {
                    check(mojo, method.getName(), parameter, offending);
                }
            }
            for (Constructor<?> constructor : mojo.getDeclaredConstructors()) {
                for (Class<?> parameter : constructor.getParameterTypes()) {
                    check(mojo, "<init>", parameter, offending);
                }
            }
            for (Field field : mojo.getDeclaredFields()) {
                check(mojo, field.getName(), field.getType(), offending);
            }
        }
        assertThat(offending).isEmpty();
    }

    private static void check(Class<?> mojo, String member, Class<?> type, List<String> offending) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        String name = element.getName();
        if (HEAVY_PACKAGES.stream().anyMatch(name::startsWith)) {
            offending.add(mojo.getSimpleName() + "." + member + " names " + name);
        }
    }

    private static List<Class<?>> mojoClasses() throws Exception {
        Path classes = Path.of(SbomMojo.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path folder = classes.resolve(SbomMojo.class.getPackageName().replace('.', '/'));
        List<Class<?>> mojos = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith("Mojo.class")) {
                    String simpleName = fileName.substring(0, fileName.length() - ".class".length());
                    mojos.add(Class.forName(SbomMojo.class.getPackageName() + "." + simpleName));
                }
            }
        }
        return mojos;
    }
}
