// Signing in on the login form as a demo user (password "demo"), in `lang`.
export async function signIn(page, base, user, lang) {
  await page.goto(base);
  await page.getByTestId("language").selectOption(lang);
  await page.getByTestId("login-username").fill(user);
  await page.getByTestId("login-password").fill("demo");
  await page.getByTestId("login-submit").click();
}
