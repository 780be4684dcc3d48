import java.lang.reflect.Field;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts DynamoDB Local with its own command-line arguments, but listening on 127.0.0.1 only:
 * the jar has no option for the address and would otherwise accept connections from the network.
 * Run with Java's source-file mode (`java LoopbackDynamoDbLocal.java ...`), the jar on the class path.
 *
 * It also ends when its standard input closes: the local cloud holds that pipe open, so when the
 * local cloud dies by any means (kill -9 included) DynamoDB Local goes with it instead of keeping
 * its port and data folder busy.
 */
public class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Object jetty = field.get(server);
    for (Object connector : (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty)) {
      connector.getClass().getMethod("setHost", String.class).invoke(connector, "127.0.0.1");
    }
    server.start();
    while (System.in.read() != -1) {
      // Nothing is ever written: only the end of the stream matters.
    }
    server.stop();
    System.exit(0);
  }
}
