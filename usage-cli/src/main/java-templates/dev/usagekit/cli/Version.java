package dev.usagekit.cli;

/** The usagekit version, filled in by the build from src/main/java-templates. */
final class Version {
  static final String VERSION = "${project.version}";

  private Version() {
  }
}
