package openchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The sample systemd unit ({@code dist/openchat.service}) starts a server the command line takes, and the launcher
 * script it runs never builds under {@code OPENCHAT_NO_BUILD=1}.
 */
class ServiceUnitTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** The unit's {@code [Service]} settings, each key's last value. */
    private static Map<String, String> service() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        boolean inService = false;
        for (String line : Files.readAllLines(ROOT.resolve("dist/openchat.service"), StandardCharsets.UTF_8)) {
            String kept = line.strip();
            if (kept.startsWith("[")) {
                inService = kept.equals("[Service]");
            } else if (inService && !kept.isEmpty() && !kept.startsWith("#")) {
                int equals = kept.indexOf('=');
                settings.put(kept.substring(0, equals), kept.substring(equals + 1));
            }
        }
        return settings;
    }

    @Test
    void theUnitStaysStoppedAfterAConfigurationErrorWhichARestartWouldRepeat() throws IOException {
        Path typo = Files.writeString(dir.resolve("openchat.yaml"), "max-user: 5\n", StandardCharsets.UTF_8);

        CommandRun refused = CommandRun.english("server", "--config", typo.toString());

        assertThat(refused.err()).contains("max-user");
        assertThat(service().get("RestartPreventExitStatus"))
                .as("the exit code of a usage or configuration error, which a restart every 5 s would repeat forever")
                .isEqualTo(String.valueOf(refused.exitCode()))
                .isEqualTo(String.valueOf(CommandLine.ExitCode.USAGE));
    }

    @Test
    void theUnitStartsAServerWithOptionsTheServerCommandTakes() throws IOException {
        Map<String, String> service = service();
        List<String> exec = Arrays.asList(service.get("ExecStart").split(" +"));
        assertThat(exec.get(0))
                .as("the launcher script, whose JVM flags it keeps")
                .endsWith("/openchat");
        assertThat(exec.get(1)).isEqualTo("server");
        List<String> args = new ArrayList<>(exec.subList(1, exec.size()));
        CommandLine.Model.CommandSpec server =
                OpenchatCommand.commandLine().getSubcommands().get("server").getCommandSpec();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                assertThat(server.findOption(arg)).as("openchat server %s", arg).isNotNull();
            }
        }
        // The whole line through the real command, its configuration file one that exists here.
        int config = args.indexOf("--config");
        assertThat(config).as("a configuration file in /etc").isPositive();
        assertThat(args.get(config + 1)).isEqualTo("/etc/openchat/openchat.yaml");
        Path file = Files.writeString(dir.resolve("openchat.yaml"), "# the defaults\n", StandardCharsets.UTF_8);
        args.set(config + 1, file.toString());
        assertThat(ConfigFileTest.serverConfig(args.toArray(String[]::new)).dataDir())
                .as("the history kept in the StateDirectory")
                .isEqualTo(Path.of("/var/lib/" + service.get("StateDirectory")));

        assertThat(service.get("Environment")).contains("OPENCHAT_NO_BUILD=1");
        assertThat(service.get("ExecReload")).isEqualTo("/bin/kill -HUP $MAINPID");
        assertThat(Integer.parseInt(service.get("LimitNOFILE")))
                .as("a descriptor for each of the default connections, and more")
                .isGreaterThan(openchat.server.config.ServerConfig.DEFAULT_MAX_CONNECTIONS + 1000);
        assertThat(service).as("the JIT writes code it runs").doesNotContainKey("MemoryDenyWriteExecute");
    }

    /** The launcher copied to {@code dir} beside a {@code pom.xml} (a source tree) without a jar: see {@link #run}. */
    private Run launch(String... environment) throws Exception {
        Files.writeString(dir.resolve("pom.xml"), "<project/>\n");
        return run(environment);
    }

    /**
     * The launcher copied to {@code dir}, run with a {@code mvn} that only leaves a mark and a {@code java} that prints
     * what it was asked to run.
     */
    private Run run(String... environment) throws Exception {
        Files.copy(ROOT.resolve("openchat"), dir.resolve("openchat"), StandardCopyOption.COPY_ATTRIBUTES);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path mvn = Files.writeString(
                bin.resolve("mvn"), "#!/bin/sh\ntouch \"" + dir.resolve("maven-ran") + "\"\nexit 1\n");
        assertThat(mvn.toFile().setExecutable(true)).isTrue();
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"java $*\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        ProcessBuilder builder =
                new ProcessBuilder("bash", dir.resolve("openchat").toString(), "--version").redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().remove("OPENCHAT_JAR");
        builder.environment().remove("OPENCHAT_NO_BUILD");
        for (String setting : environment) {
            String[] pair = setting.split("=", 2);
            builder.environment().put(pair[0], pair[1]);
        }
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out, Files.exists(dir.resolve("maven-ran")));
    }

    private record Run(int exitCode, String out, boolean mavenRan) {}

    @Test
    void withNoBuildTheLauncherRefusesAMissingJarSayingHowToBuildAndNeverRunsMaven() throws Exception {
        Run refused = launch("OPENCHAT_NO_BUILD=1");

        assertThat(refused.mavenRan()).isFalse();
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out())
                .contains("there is no " + dir.resolve("openchat-app/target/openchat.jar"))
                .contains("OPENCHAT_NO_BUILD forbids building it")
                .contains("mvn -B -DskipTests package");
    }

    @Test
    void withNoBuildTheLauncherRefusesAJarOlderThanTheSources() throws Exception {
        Path jar = Files.createDirectories(dir.resolve("openchat-app/target")).resolve("openchat.jar");
        Files.writeString(jar, "");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));

        Run refused = launch("OPENCHAT_NO_BUILD=1");

        assertThat(refused.mavenRan()).isFalse();
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).contains(jar + " is older than the sources");
    }

    @Test
    void withoutNoBuildTheLauncherBuildsAMissingJar() throws Exception {
        Run built = launch();

        assertThat(built.mavenRan()).as("what OPENCHAT_NO_BUILD forbids").isTrue();
        assertThat(built.out()).contains("openchat: the build failed");
    }

    @Test
    void anInstalledJarThatIsNotThereIsNamed() throws Exception {
        Run refused = launch("OPENCHAT_JAR=" + dir.resolve("opt/openchat.jar"));

        assertThat(refused.mavenRan()).isFalse();
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out())
                .contains("OPENCHAT_JAR names " + dir.resolve("opt/openchat.jar") + ", which is not there");
    }

    /**
     * Installed as the service's section says ({@code /opt/openchat/openchat} beside {@code openchat.jar}), the launcher
     * run by hand, for {@code history export} or a client, without the unit's {@code OPENCHAT_JAR}: it tried to build
     * with Maven, which an installed directory has no sources for.
     */
    @Test
    void anInstalledLauncherRunByHandRunsTheJarBesideItAndNeverBuilds() throws Exception {
        Files.writeString(dir.resolve("openchat.jar"), "");

        Run ran = run();

        assertThat(ran.mavenRan()).isFalse();
        assertThat(ran.exitCode()).isZero();
        assertThat(ran.out()).contains("-jar " + dir.resolve("openchat.jar") + " --version");
        assertThat(dir.resolve("openchat-app"))
                .as("nothing made in the installed directory")
                .doesNotExist();
    }

    @Test
    void aLauncherWithNeitherAJarBesideItNorSourcesSaysWhatToDoAndNeverRunsMaven() throws Exception {
        Run refused = run();

        assertThat(refused.mavenRan()).isFalse();
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out())
                .contains("there is no openchat.jar beside this script (" + dir + ")")
                .contains("install the jar as " + dir.resolve("openchat.jar") + ", or name it with OPENCHAT_JAR=PATH");
    }
}
