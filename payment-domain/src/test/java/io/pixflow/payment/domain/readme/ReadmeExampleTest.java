package io.pixflow.payment.domain.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Embed the domain" example, compiled and run exactly as it stands in the README. */
class ReadmeExampleTest {

    private static final Path README = Path.of("..", "README.md");

    @Test
    void theEmbedExampleCompilesRunsAndPrintsWhatTheReadmeSays(@TempDir Path work) throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("## Embed the domain"));
        Matcher example = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(example.find()).as("a java block under 'Embed the domain'").isTrue();
        Matcher promised = Pattern.compile("prints `([^`]*)`").matcher(section);
        assertThat(promised.find()).as("the README says what the example prints").isTrue();

        Path source = work.resolve("EmbedExample.java");
        Files.writeString(source, example.group(1), StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int exit = javac.run(null, null, null, "-classpath", System.getProperty("java.class.path"),
                "-d", work.toString(), source.toString());
        assertThat(exit).as("javac exit code").isZero();

        String printed = runMain(work);

        assertThat(printed.strip()).isEqualTo(promised.group(1));
    }

    private static String runMain(Path classes) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeExampleTest.class.getClassLoader())) {
            Method main = loader.loadClass("EmbedExample").getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
