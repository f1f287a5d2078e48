package dev.baas.server;

import dev.baas.sandbox.SandboxService;

import java.util.Optional;

/** What {@code ./baas run} shows a new user: where the dashboard is, a key, and one command that sends a bot. */
final class Demo {
    static final String MEETING = """
            {"participants":[
              {"name":"Alice","says":["Hello Bob, shall we start the budget review?","Great, then we ship it on Friday.","Thanks everyone, bye."]},
              {"name":"Bob","says":["Yes, the budget looks good to me.","Agreed, Friday it is."]}],
             "waiting_room":true,"auto_admit":true,"end_after_s":90}""";

    private Demo() {}

    static void print(BaasServer server, Optional<String> key) {
        String base = "http://localhost:" + server.port();
        String apiKey = key.orElse("<your API key>");
        SandboxService sandbox = server.sandbox().orElseThrow();
        String meeting = sandbox.create(MEETING).meetingUrl();
        System.out.println();
        System.out.println("  Dashboard   " + base + "/dashboard/   (log in with the API key)");
        System.out.println("  API key     " + apiKey);
        System.out.println("  A demo meeting with two scripted people is waiting at " + meeting);
        System.out.println("  Send a bot into it (then watch it on the dashboard; the mp4 and transcript follow):");
        System.out.println();
        System.out.println("    curl -s -X POST " + base + "/bots -H 'x-meeting-baas-api-key: " + apiKey + "' \\");
        System.out.println("      -H 'content-type: application/json' \\");
        System.out.println("      -d '{\"meeting_url\":\"" + meeting + "\",\"bot_name\":\"Notetaker\",\"speech_to_text\":\"Default\"}'");
        System.out.println();
        System.out.println("  Or with the CLI:  ./baas join " + meeting + " --name Notetaker --speech-to-text Default --wait");
        System.out.println("  New demo meetings: POST " + base + "/sandbox/meetings (see the README). Stop with Ctrl-C.");
        System.out.println();
    }
}
