package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code target/usage-report} (from {@code src/main/launcher/usage-report}) finds the jar beside the
 * script it really is, also when called through symlinks (one into {@code PATH}, and a relative one to that). A
 * stand-in {@code java} prints the arguments it gets, so no JVM starts.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherTest {
  private static final Path TEMPLATE = Paths.get("src", "main", "launcher", "usage-report");

  private static String run(Path script, Path javaHome) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("sh", script.toString(), "demo", "--version").redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", javaHome.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output.trim();
  }

  @Test
  void aSymlinkedLauncherRunsTheJarBesideTheRealScript(@TempDir Path dir) throws Exception {
    Path target = Files.createDirectories(dir.resolve("checkout/usage-cli/target"));
    Path launcher = target.resolve("usage-report");
    Files.writeString(launcher, Files.readString(TEMPLATE).replace("@usagekit.launcher.java@", "/nonexistent/java"));
    Files.createFile(target.resolve("usage-report.jar"));
    Path javaHome = Files.createDirectories(dir.resolve("jdk/bin")).getParent();
    Path java = javaHome.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path bin = Files.createDirectories(dir.resolve("home/bin"));
    Path linked = Files.createSymbolicLink(bin.resolve("usage-report"), launcher);
    Path relative = Files.createSymbolicLink(bin.resolve("ur"), Paths.get("usage-report"));
    String jar = "-jar " + target.toRealPath().resolve("usage-report.jar") + " demo --version";

    assertThat(run(launcher, javaHome)).endsWith(jar);
    assertThat(run(linked, javaHome)).endsWith(jar);
    assertThat(run(relative, javaHome)).endsWith(jar);
  }
}
