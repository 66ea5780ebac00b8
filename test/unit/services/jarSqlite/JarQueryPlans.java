// Prints how the SQLite inside DynamoDB Local's jar (sqlite4java, SQLite 3.8.7) plans each query
// given after the database file: one line per query, its plan steps joined by " | ". The planner of
// that old version differs from a current SQLite's, so only it can say what the jar will do.
// Usage: java -Dsqlite4java.library.path=<DynamoDBLocal_lib> -cp <DynamoDBLocal_lib>/sqlite4java.jar JarQueryPlans.java <db> <sql>...
import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteStatement;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

public final class JarQueryPlans {
  private JarQueryPlans() {}

  public static void main(String[] args) throws Exception {
    Logger.getLogger("com.almworks.sqlite4java").setLevel(Level.OFF);
    SQLiteConnection connection = new SQLiteConnection(new File(args[0]));
    connection.openReadonly();
    try {
      for (int i = 1; i < args.length; i++) {
        SQLiteStatement statement = connection.prepare("EXPLAIN QUERY PLAN " + args[i]);
        List<String> steps = new ArrayList<>();
        while (statement.step()) steps.add(statement.columnString(3));
        statement.dispose();
        System.out.println(String.join(" | ", steps));
      }
    } finally {
      connection.dispose();
    }
  }
}
