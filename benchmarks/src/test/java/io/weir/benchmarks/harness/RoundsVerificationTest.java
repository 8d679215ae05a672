package io.weir.benchmarks.harness;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.weir.api.processor.Processor;
import io.weir.benchmarks.pipeline.ScenarioOneChain;
import io.weir.benchmarks.workload.TcpJsonWorkload;
import io.weir.pipeline.internal.processor.SeparatePreprocessorFactory;

/** {@code --rounds}: the first round is checked event by event, every later one must repeat its bytes. */
public class RoundsVerificationTest {
    private static final int EVENTS = 2_000;
    private static TcpJsonWorkload workload;
    /** One round's output, made by the scenario's chain with the real codecs and pipeline engine. */
    private static byte[] round;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @BeforeClass
    public static void runTheChainOnce() throws Exception {
        workload = TcpJsonWorkload.generate(EVENTS);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ScenarioOneChain chain = new ScenarioOneChain(file::write);
        Processor splitter = new SeparatePreprocessorFactory().create(Map.of());
        splitter.process(workload.data(), 0, workload.bytes(), chain);
        splitter.finish(chain);
        round = file.toByteArray();
    }

    private List<String> problems(byte[] contents, int rounds) throws IOException {
        Path out = folder.newFile().toPath();
        Files.write(out, contents);
        Measurement measurement = new Measurement();
        TcpJsonScenario.verifyRounds(workload, out, rounds, round.length, measurement);
        return measurement.problems();
    }

    private static byte[] repeated(byte[] one, int times) {
        byte[] all = new byte[one.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        return all;
    }

    @Test
    public void roundsThatRepeatACorrectFirstRoundPass() throws IOException {
        assertEquals(List.of(), problems(repeated(round, 3), 3));
        assertEquals(List.of(), problems(round, 1));
    }

    @Test
    public void aLaterRoundThatDiffersIsFoundWhereItDiffers() throws IOException {
        byte[] contents = repeated(round, 3);
        int at = round.length * 2 + 1234;
        contents[at] = (byte) (contents[at] == 'x' ? 'y' : 'x');
        List<String> problems = problems(contents, 3);
        assertEquals(problems.toString(), 1, problems.size());
        assertTrue(problems.get(0), problems.get(0).contains("round 3 differs from round 1 at byte 1,234"));
    }

    @Test
    public void aFileOfTheWrongSizeIsRefused() throws IOException {
        byte[] contents = Arrays.copyOf(repeated(round, 3), round.length * 3 - 1);
        List<String> problems = problems(contents, 3);
        assertEquals(problems.toString(), 1, problems.size());
        assertTrue(problems.get(0), problems.get(0).contains("not 3 rounds"));
    }

    @Test
    public void aWrongFirstRoundRepeatedIsStillWrong() throws IOException {
        // The first line dropped and the round padded back to its size with spaces: the sizes agree, the events do not.
        int firstLine = indexOf(round, (byte) '\n') + 1;
        byte[] damaged = new byte[round.length];
        System.arraycopy(round, firstLine, damaged, 0, round.length - firstLine);
        Arrays.fill(damaged, round.length - firstLine, round.length - 1, (byte) ' ');
        damaged[round.length - 1] = '\n';
        List<String> problems = problems(repeated(damaged, 2), 2);
        assertEquals(problems.toString(), 1, problems.size());
        assertTrue(problems.get(0), problems.get(0).startsWith("round 1: FAILED"));
    }

    @Test
    public void aDifferenceBeyondTheFirstBlockReadIsFoundWhereItDiffers() throws IOException {
        // The rounds are compared 64 KiB at a time: the offset must count the blocks before.
        assertTrue(round.length > 200_000);
        byte[] contents = repeated(round, 2);
        int at = round.length + 150_001;
        contents[at] = (byte) (contents[at] == 'x' ? 'y' : 'x');
        List<String> problems = problems(contents, 2);
        assertEquals(problems.toString(), 1, problems.size());
        assertTrue(problems.get(0), problems.get(0).contains("round 2 differs from round 1 at byte 150,001"));
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
