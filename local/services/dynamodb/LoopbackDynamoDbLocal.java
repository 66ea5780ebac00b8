// DynamoDB Local's own server (its ServerRunner, the jar's main class), started on one address
// instead of every interface: the jar has no option for that (its Jetty server is created for a
// port only), so this launcher sets the host on that server's connector before starting it. It
// also ends DynamoDB Local when its standard input closes: the local stack holds the other end of
// that pipe, so however the stack ends (a SIGKILL included), the JVM does not outlive it.
// Usage: java -cp <this class>:DynamoDBLocal.jar LoopbackDynamoDbLocal <host> [DynamoDB Local options]
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Arrays;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public final class LoopbackDynamoDbLocal {
  private LoopbackDynamoDbLocal() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(Arrays.copyOfRange(args, 1, args.length));
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) {
      ((ServerConnector) connector).setHost(host);
    }
    proxy.start();
    System.out.println("DynamoDB Local listening on " + host);
    Thread watchdog = new Thread(LoopbackDynamoDbLocal::exitWhenInputCloses, "stdin-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    proxy.join();
  }

  // Reads standard input until it closes, then exits (shutdown hooks run, the database is closed).
  private static void exitWhenInputCloses() {
    try {
      while (System.in.read() != -1) {
        // Nothing is ever sent: any byte is ignored.
      }
    } catch (IOException error) {
      // A broken pipe means the same as its end.
    }
    System.exit(0);
  }
}
