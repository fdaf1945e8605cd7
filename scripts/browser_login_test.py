#!/usr/bin/env python3
"""Logs in to a running `dialect-archive serve` in headless Chromium and out again.

Usage: browser_login_test.py BASE_URL NAME PASSWORD QUERY SESSION_ID SCREENSHOT_FOLDER

Searches QUERY anonymously and checks no hit of SESSION_ID (a restricted session) is shown,
logs in as NAME and checks its hits appear and the page names the account, logs out and
checks they are gone again. Saves a screenshot of each step. Exits non-zero with a message
on the first failure.
"""
import os
import sys
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait


def fail(message):
    print("browser login test failed: " + message, file=sys.stderr)
    sys.exit(1)


def main():
    base, name, password, query, session, folder = sys.argv[1:7]
    os.makedirs(folder, exist_ok=True)
    options = Options()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,900", "--lang=en-US"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    try:
        run(driver, base, name, password, query, session, folder)
    finally:
        driver.quit()
    print("browser login test passed; screenshots in " + folder)


def shows_session(driver, base, query, session):
    driver.get(base + "/search?q=" + urllib.parse.quote(query))
    WebDriverWait(driver, 20).until(ready.presence_of_element_located((By.ID, "q")))
    return session in driver.page_source


def run(driver, base, name, password, query, session, folder):
    wait = WebDriverWait(driver, 20)
    if shows_session(driver, base, query, session):
        fail("an anonymous visitor sees the restricted session " + session)
    driver.save_screenshot(os.path.join(folder, "login-anonymous.png"))

    driver.find_element(By.ID, "login-link").click()
    wait.until(ready.presence_of_element_located((By.ID, "login-name"))).send_keys(name)
    driver.find_element(By.ID, "login-password").send_keys(password)
    driver.find_element(By.ID, "login-submit").click()
    account = wait.until(ready.presence_of_element_located((By.ID, "account-name")))
    if name not in account.text:
        fail("the page does not name the account logged in: %r" % account.text)
    if not shows_session(driver, base, query, session):
        fail("after logging in as %s the restricted session %s is not shown" % (name, session))
    driver.save_screenshot(os.path.join(folder, "login-researcher.png"))

    driver.find_element(By.ID, "logout").click()
    wait.until(ready.presence_of_element_located((By.ID, "login-link")))
    if shows_session(driver, base, query, session):
        fail("after logging out the restricted session " + session + " is still shown")
    driver.save_screenshot(os.path.join(folder, "login-logged-out.png"))


if __name__ == "__main__":
    main()
