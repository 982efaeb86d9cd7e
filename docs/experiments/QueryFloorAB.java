import java.lang.reflect.*;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import org.apache.jena.sparql.core.DatasetGraph;
import org.treatygraph.query.*;
/**
 * Before/after over two running servers (docs/scale.md, "The per-request floor"): each request kind
 * sent to A and B in alternation (which goes first alternates), 100 warm-up rounds then ROUNDS
 * measured, p50 each; the named queries both as their bound text POSTed to /kg/sparql (as the bench
 * sends them) and as GET /kg/queries/NAME?param=value, parameters the bench's choices
 * (org.treatygraph.bench.QueryParams) on DATABASE_DIR (a copy of the servers' database: each
 * server holds its own).
 * <pre>
 *   java -cp target/treatygraph.jar docs/experiments/QueryFloorAB.java http://127.0.0.1:3101 http://127.0.0.1:3102 DATABASE_DIR ROUNDS QUERIES...
 * </pre>
 */
public class QueryFloorAB {
    public static void main(String[] a) throws Exception {
        String A = a[0], B = a[1];
        DatasetGraph dsg = org.treatygraph.load.Store.open(Path.of(a[2]));
        int rounds = Integer.parseInt(a[3]);
        NamedQueries cat = NamedQueries.load(Path.of("queries"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Method pick = Class.forName("org.treatygraph.bench.QueryParams").getDeclaredMethod("pick", NamedQuery.class, DatasetGraph.class, int.class);
        pick.setAccessible(true);
        List<String> labels = new ArrayList<>();
        List<List<String[]>> reqs = new ArrayList<>();   // {method, path, body}
        labels.add("GET /$/ping"); reqs.add(List.<String[]>of(new String[] {"GET", "/$/ping", null}));
        labels.add("ASK {}"); reqs.add(List.<String[]>of(new String[] {"POST", "/kg/sparql", "ASK {}"}));
        labels.add("SELECT * { <x> <y> ?o }"); reqs.add(List.<String[]>of(new String[] {"POST", "/kg/sparql", "SELECT * { <http://example.org/x> <http://example.org/y> ?o }"}));
        for (int k = 4; k < a.length; k++) {
            NamedQuery nq = cat.get(a[k]).orElseThrow();
            List<?> choices = (List<?>) pick.invoke(null, nq, dsg, 5);
            List<String[]> post = new ArrayList<>(), get = new ArrayList<>();
            for (Object c : choices) {
                Method v = c.getClass().getDeclaredMethod("asLists"); v.setAccessible(true);
                Map<String, List<String>> vals = (Map<String, List<String>>) v.invoke(c);
                post.add(new String[] {"POST", "/kg/sparql", vals.isEmpty() ? nq.parse().serialize() : nq.bind(vals).serialize()});
                StringBuilder sb = new StringBuilder();
                vals.forEach((n, vs) -> sb.append(sb.length() == 0 ? '?' : '&').append(n).append('=').append(URLEncoder.encode(vs.get(0), StandardCharsets.UTF_8)));
                get.add(new String[] {"GET", "/kg/queries/" + nq.name() + sb, null});
            }
            labels.add(nq.name() + " /kg/sparql"); reqs.add(post);
            labels.add(nq.name() + " /kg/queries"); reqs.add(get);
        }
        System.out.println("uptime: " + uptime());
        System.out.printf("%-44s %9s %9s %8s%n", "p50 ms over " + rounds + " rounds", "A", "B", "B-A");
        for (int i = 0; i < labels.size(); i++) {
            List<Double> ta = new ArrayList<>(), tb = new ArrayList<>();
            List<String[]> rs = reqs.get(i);
            for (int r = 0; r < rounds + 100; r++) {
                String[] q = rs.get(r % rs.size());
                for (int side = 0; side < 2; side++) {
                    boolean isA = (side == 0) == (r % 2 == 0);
                    String server = isA ? A : B;
                    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + q[1])).header("Accept", "application/sparql-results+json");
                    if (q[0].equals("POST")) b.header("Content-Type", "application/sparql-query").POST(HttpRequest.BodyPublishers.ofString(q[2])); else b.GET();
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> resp = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (resp.statusCode() != 200) throw new IllegalStateException(server + q[1] + " " + resp.statusCode() + " " + new String(resp.body()));
                    if (r >= 100) (isA ? ta : tb).add(ms);
                }
            }
            double pa = p50(ta), pb = p50(tb);
            System.out.printf("%-44s %9.3f %9.3f %+8.3f%n", labels.get(i), pa, pb, pb - pa);
        }
        System.out.println("uptime: " + uptime());
        System.exit(0);
    }
    static double p50(List<Double> xs) { List<Double> s = new ArrayList<>(xs); Collections.sort(s); return s.get(s.size() / 2); }
    static String uptime() { try { return new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes()).trim(); } catch (Exception e) { return "?"; } }
}
