import { describe, expect, it } from "vitest";
import { guessInApp } from "./guess-in-app";
import type { RawFrame } from "./types";

const cases: [platform: string | null, frame: RawFrame, inApp: boolean][] = [
  ["javascript", { filename: "/app/node_modules/react-dom/cjs/react-dom.js" }, false],
  ["node", { filename: "node:internal/process/task_queues" }, false],
  ["javascript", { filename: "webpack/bootstrap", absPath: "webpack:///webpack/bootstrap" }, false],
  ["javascript", { filename: "src/checkout/cart.ts" }, true],
  ["python", { absPath: "/srv/app/.venv/lib/python3.12/site-packages/django/core/handlers.py" }, false],
  ["python", { absPath: "/home/u/.virtualenvs/app/src/raven/raven/base.py" }, false],
  ["python", { absPath: "/usr/lib/python3.11/threading.py" }, false],
  ["python", { filename: "<frozen importlib._bootstrap>" }, false],
  ["python", { absPath: "/srv/app/billing/invoice.py", module: "billing.invoice" }, true],
  ["ruby", { absPath: "/usr/local/bundle/gems/rack-3.0.0/lib/rack/builder.rb" }, false],
  ["ruby", { absPath: "/app/app/models/order.rb" }, true],
  ["php", { absPath: "/var/www/vendor/laravel/framework/src/Router.php" }, false],
  ["php", { absPath: "/var/www/app/Http/Controllers/OrderController.php" }, true],
  ["java", { module: "java.lang.reflect.Method" }, false],
  ["java", { module: "android.view.View" }, false],
  ["java", { module: "com.android.internal.os.ZygoteInit" }, false],
  ["java", { module: "dalvik.system.NativeStart" }, false],
  ["java", { module: "kotlinx.coroutines.DispatchedTask" }, false],
  ["java", { module: "sun.reflect.NativeMethodAccessorImpl" }, false],
  ["java", { module: "io.sentry.sample.MainActivity" }, true],
  ["csharp", { module: "System.Threading.ExecutionContext" }, false],
  ["csharp", { module: "Microsoft.AspNetCore.Mvc.Internal.ResourceInvoker" }, false],
  ["csharp", { module: "Shop.Controllers.HomeController" }, true],
  ["go", { module: "net/http", absPath: "/usr/local/go/src/net/http/server.go" }, false],
  ["go", { module: "runtime" }, false],
  [
    "go",
    { module: "github.com/robfig/cron/v3", absPath: "/go/pkg/mod/github.com/robfig/cron/v3@v3.0.0/cron.go" },
    false,
  ],
  ["go", { module: "main", absPath: "/my_app/main.go" }, true],
  ["go", { module: "github.com/acme/shop/billing" }, true],
  ["elixir", { module: "gen_server", filename: "gen_server.erl" }, false],
  [null, { module: "proc_lib", filename: "proc_lib.erl" }, false],
  ["elixir", { module: "Elixir.Enum" }, false],
  [null, { module: "Elixir.HelloHTTP2.WWW", filename: "lib/hello_http2/www.ex" }, true],
  ["cocoa", { package: "UIKitCore", function: "-[UIApplication sendEvent:]" }, false],
  ["cocoa", { package: "libdyld.dylib", function: "start" }, false],
  ["cocoa", { package: "/System/Library/Frameworks/Foundation.framework/Foundation" }, false],
  ["cocoa", { package: "Sentry", function: "-[SentryBreadcrumbTracker swizzleSendAction]" }, false],
  ["cocoa", { package: "iOS-Swift", function: "main" }, true],
  ["native", { package: "/usr/lib/x86_64-linux-gnu/libc.so.6" }, false],
];

describe("guessInApp", () => {
  it.each(cases)("%s %j → %s", (platform, frame, inApp) => {
    expect(guessInApp(frame, platform)).toBe(inApp);
  });

  it("reads Windows paths with forward slashes", () => {
    expect(guessInApp({ absPath: "C:\\app\\node_modules\\lodash\\lodash.js" }, "node")).toBe(false);
  });

  it("does not read a bare lowercase module as Erlang outside Erlang", () => {
    expect(guessInApp({ module: "checkout", filename: "checkout.py" }, "python")).toBe(true);
  });
});
