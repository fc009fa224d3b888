package dev.hermod.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The /crypto page in headless Chromium, as a user fills it in: a GnuPG key is uploaded through the browser,
 * then mail to the user arrives encrypted for it. Needs Debian's {@code chromium} and {@code chromium-driver}.
 */
class CryptoPageBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;
    TestServer server;
    WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "headless Chromium is not installed: apt-get install chromium chromium-driver");
        server = new TestServer(dir, Map.of());
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=1000,1200");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aKeyUploadedInTheBrowserEncryptsTheNextMessage() throws Exception {
        Tools tools = new Tools(Files.createDirectories(dir.resolve("keys")));
        tools.gpgGenerate("Alice <alice@example.org>", "default", "default", "never");
        Path key = Files.write(dir.resolve("keys/alice.asc"), tools.gpgExport(true, "alice@example.org"));

        browser.get(server.formUrl());
        assertEquals("Encrypt your stored mail", browser.getTitle());
        browser.findElement(By.id("login")).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys("secret");
        browser.findElement(By.id("pgp-aes256")).click();
        browser.findElement(By.id("key")).sendKeys(key.toString());
        browser.findElement(By.id("update")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.titleIs("Encryption is on"));
        String result = browser.findElement(By.id("result")).getText();
        assertTrue(result.contains("mail delivered to alice is encrypted with PGP (AES-256)"), result);
        Files.write(Path.of("target", "crypto-page-result.png"),
                ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        String message = EncryptionEndToEndTest.message("browser" + System.nanoTime());
        server.send("bob@example.net", "alice@example.org", message);
        assertArrayEquals(message.getBytes(StandardCharsets.UTF_8), tools.gpgDecrypt(server.fetchNewest("alice")));
    }

    @Test
    void aWrongPasswordShowsTheFormAgainWithTheReason() throws Exception {
        browser.get(server.formUrl());
        browser.findElement(By.id("login")).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys("wrong");
        browser.findElement(By.id("disable")).click();
        browser.findElement(By.id("update")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.titleIs("Login failed"));
        assertTrue(browser.findElement(By.id("result")).getText().contains("The login name or the password is wrong."));
        assertEquals("alice", browser.findElement(By.id("login")).getAttribute("value"), "the login is kept");
        assertTrue(browser.findElement(By.id("disable")).isSelected(), "the method is kept");
        Files.write(Path.of("target", "crypto-page-login-failed.png"),
                ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
