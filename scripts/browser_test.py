#!/usr/bin/env python3
"""Drives the web pages of a running `dialect-archive serve` in headless Chromium.

Usage: browser_test.py BASE_URL QUERY SCREENSHOT_FOLDER [COMPARE_WORD]

Searches QUERY on the search page, checks the hits and their exact total, plays the first
hit and checks the audio played exactly its span and stopped at its end, then opens the hit
in its recording and checks the player plays the span of the link and pauses at its end.
Clicks a locality facet and checks the hits narrow to its count, then removes it again.
With COMPARE_WORD it then opens the home page, compares the word across localities (one
row per locality), clicks a site on the map and checks the table narrows to it, and follows
the links to the site's locality page and one of its sessions.
Saves a screenshot of each page. Exits non-zero with a message on the first failure.
"""
import os
import sys
import time
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait


def fail(message):
    print("browser test failed: " + message, file=sys.stderr)
    sys.exit(1)


def wait_until(driver, script, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if driver.execute_script(script):
            return
        time.sleep(0.01)
    fail("timed out waiting until " + what)


def main():
    base, query, folder = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(folder, exist_ok=True)
    options = Options()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--autoplay-policy=no-user-gesture-required", "--window-size=1280,900", "--lang=en-US"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    try:
        run(driver, base, query, folder)
        narrow_by_facet(driver, base, query, folder)
        if len(sys.argv) > 4:
            compare(driver, base, sys.argv[4], folder)
    finally:
        driver.quit()
    print("browser test passed; screenshots in " + folder)


def run(driver, base, query, folder):
    wait = WebDriverWait(driver, 20)

    # Search: type the query, submit, see the hits and the exact total.
    driver.get(base + "/search")
    box = wait.until(ready.presence_of_element_located((By.ID, "q")))
    box.send_keys(query)
    box.submit()
    total = wait.until(ready.presence_of_element_located((By.ID, "total")))
    hits = driver.find_elements(By.CSS_SELECTOR, "li.hit")
    if not hits:
        fail("no hits shown for " + query)
    expected_total = int(total.get_attribute("data-total"))
    if expected_total < len(hits) or not total.text.startswith(str(expected_total)):
        fail("total %r does not say %d" % (total.text, expected_total))
    if not hits[0].find_elements(By.CSS_SELECTOR, "mark"):
        fail("the first hit has no marked match")
    if not hits[0].find_element(By.CSS_SELECTOR, ".place").text:
        fail("the first hit shows no locality")
    driver.save_screenshot(os.path.join(folder, "search.png"))

    # Play the first hit: the audio plays and ends at the end of the padded span.
    button = hits[0].find_element(By.CSS_SELECTOR, "button.play")
    start_ms = int(button.get_attribute("data-start-ms"))
    end_ms = int(button.get_attribute("data-end-ms"))
    pad_ms = int(button.get_attribute("data-pad-ms"))
    button.click()
    player = "document.getElementById('span-player')"
    wait_until(driver, "return %s.currentTime > 0 && !%s.paused" % (player, player), 10, "the hit plays")
    driver.save_screenshot(os.path.join(folder, "search-playing.png"))
    wait_until(driver, "return %s.ended" % player, 20, "the hit's audio ends")
    duration = driver.execute_script("return %s.duration" % player)
    position = driver.execute_script("return %s.currentTime" % player)
    longest = (end_ms - start_ms + 2 * pad_ms) / 1000
    if not ((end_ms - start_ms) / 1000 <= duration <= longest + 0.01):
        fail("the played clip lasts %.3f s, not the span %d-%d ms with %d ms pad" % (duration, start_ms, end_ms, pad_ms))
    if abs(position - duration) > 0.1 or not driver.execute_script("return %s.paused" % player):
        fail("the player did not stop at the end of the span (at %.3f of %.3f s)" % (position, duration))

    # Open the hit in its recording: the page plays the span of its link and pauses at its end.
    hits[0].find_element(By.CSS_SELECTOR, "a.in-recording").click()
    audio = wait.until(ready.presence_of_element_located((By.ID, "recording-player")))
    span_start = int(audio.get_attribute("data-start-ms")) / 1000
    span_end = int(audio.get_attribute("data-end-ms")) / 1000
    if (span_start, span_end) != (start_ms / 1000, end_ms / 1000):
        fail("the recording page opened %s-%s, not the hit's span" % (span_start, span_end))
    recording = "document.getElementById('recording-player')"
    wait_until(driver, "return %s.currentTime > %f && !%s.paused" % (recording, span_start, recording), 10,
               "the recording plays from the span")
    if not driver.find_elements(By.CSS_SELECTOR, "a.segment.current"):
        fail("no segment is highlighted while the span plays")
    driver.save_screenshot(os.path.join(folder, "recording-playing.png"))
    wait_until(driver, "return %s.paused" % recording, 20, "the recording pauses at the span's end")
    stopped = driver.execute_script("return %s.currentTime" % recording)
    if not (span_end - 0.01 <= stopped <= span_end + 0.1):
        fail("the recording paused at %.3f s, not at the span's end %.3f s" % (stopped, span_end))

    # Clicking another segment seeks there and plays it.
    segments = driver.find_elements(By.CSS_SELECTOR, "a.segment")
    last = segments[-1]
    last.click()
    seg_start = int(last.get_attribute("data-start-ms")) / 1000
    wait_until(driver, "return %s.currentTime >= %f" % (recording, seg_start), 10, "a clicked segment plays")
    if "current" not in last.get_attribute("class"):
        fail("the clicked segment is not highlighted")
    driver.save_screenshot(os.path.join(folder, "recording.png"))

    # The language switch shows the same page in Chinese.
    driver.find_element(By.ID, "language-switch").click()
    wait.until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh")
    driver.save_screenshot(os.path.join(folder, "recording-zh.png"))


def narrow_by_facet(driver, base, query, folder):
    """Clicks the rarest locality of the search's facets: the hits narrow to its count, all
    from that place, and the filter shows as removable; removing it brings every hit back."""
    wait = WebDriverWait(driver, 20)
    driver.get(base + "/search?q=" + urllib.parse.quote(query))
    total = int(wait.until(ready.presence_of_element_located((By.ID, "total"))).get_attribute("data-total"))
    links = driver.find_elements(By.CSS_SELECTOR, "section.facet[data-facet='locality'] li a")
    if len(links) < 2:
        fail("the locality facet offers fewer than two places for " + query)
    counts = [int(link.find_element(By.XPATH, "..").find_element(By.CSS_SELECTOR, ".n").text) for link in links]
    if sum(counts) != total:
        fail("the locality facet counts %r do not add up to the total %d" % (counts, total))
    rarest = min(range(len(links)), key=lambda index: counts[index])
    place = links[rarest].text
    links[rarest].click()
    wait.until(ready.presence_of_element_located((By.ID, "selected-filters")))
    narrowed = int(driver.find_element(By.ID, "total").get_attribute("data-total"))
    if narrowed != counts[rarest] or narrowed >= total:
        fail("clicking %s left %d hits, not its count %d of %d" % (place, narrowed, counts[rarest], total))
    places = [hit.find_element(By.CSS_SELECTOR, ".place").text for hit in driver.find_elements(By.CSS_SELECTOR, "li.hit")]
    if not places or any(not shown.startswith(place) for shown in places):
        fail("hits from elsewhere than %s after narrowing: %r" % (place, places))
    driver.save_screenshot(os.path.join(folder, "search-facet.png"))
    driver.find_element(By.CSS_SELECTOR, "a.remove-filter[data-filter='locality']").click()
    wait.until(lambda d: not d.find_elements(By.ID, "selected-filters"))
    if int(driver.find_element(By.ID, "total").get_attribute("data-total")) != total:
        fail("removing the locality filter did not bring back all %d hits" % total)
def compare(driver, base, word, folder):
    wait = WebDriverWait(driver, 20)

    # Home: the archive's figures and one site on the map per locality.
    driver.get(base + "/?lang=en")
    figure = wait.until(ready.presence_of_element_located((By.ID, "fig-recordings")))
    if int(figure.text) < 1:
        fail("the home page shows no recordings")
    sites = driver.find_elements(By.CSS_SELECTOR, "#site-map g.site")
    if len(sites) < 2:
        fail("the home map shows %d sites" % len(sites))
    driver.save_screenshot(os.path.join(folder, "home.png"))

    # Compare: one row per locality, each with a play button.
    box = driver.find_element(By.ID, "compare-q")
    box.send_keys(word)
    box.submit()
    wait.until(ready.presence_of_element_located((By.ID, "compare-count")))
    rows = driver.find_elements(By.CSS_SELECTOR, "tr.compare-row")
    places = [row.get_attribute("data-locality") for row in rows]
    if len(places) < 2 or len(set(places)) != len(places):
        fail("compare %s shows rows for %r, not one row per locality" % (word, places))
    if int(driver.find_element(By.ID, "compare-count").get_attribute("data-count")) != len(rows):
        fail("the count does not match the rows")
    for row in rows:
        if not row.find_elements(By.CSS_SELECTOR, "button.play") or not row.find_element(By.CSS_SELECTOR, "td.ipa").text:
            fail("the row of %s has no play button or no IPA" % row.get_attribute("data-locality"))
    driver.save_screenshot(os.path.join(folder, "compare.png"))

    # Click a site on the map: the table narrows to it.
    chosen = places[-1]
    driver.find_element(By.CSS_SELECTOR, "#site-map g.site[data-locality='%s'] circle" % chosen).click()
    wait.until(ready.presence_of_element_located((By.ID, "all-sites")))
    narrowed = [row.get_attribute("data-locality") for row in driver.find_elements(By.CSS_SELECTOR, "tr.compare-row")]
    if narrowed != [chosen]:
        fail("clicking site %s left the rows %r" % (chosen, narrowed))
    driver.save_screenshot(os.path.join(folder, "compare-narrowed.png"))

    # Follow the row to its locality, and on to one of its sessions.
    driver.find_element(By.CSS_SELECTOR, "tr.compare-row td a").click()
    session = wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "a.session")))
    driver.save_screenshot(os.path.join(folder, "locality.png"))
    session.click()
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "a.recording")))
    if not driver.find_elements(By.CSS_SELECTOR, "a.speaker"):
        fail("the session page links to no speaker")
    driver.save_screenshot(os.path.join(folder, "session.png"))


if __name__ == "__main__":
    main()
