import com.sun.tools.attach.VirtualMachine;

/**
 * Loads a native agent into a running JVM: {@code java bench/Attach.java PID AGENT.so OPTIONS}. bench/profile uses
 * it to start and stop async-profiler around the measured part of a run only (its jar ships the library but not
 * the asprof launcher).
 */
public final class Attach {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java Attach.java PID AGENT.so OPTIONS");
            System.exit(2);
        }
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
