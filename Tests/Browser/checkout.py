#!/usr/bin/env python3
"""Plays the user in a real headless Chromium, with JavaScript off, by typing and clicking.

Usage: checkout.py SHORT_URL CARD_NUMBER CVC

Opens the short link, presses the shop page's button, types the card into the processor's
fields, submits, and waits for the result page. Prints one JSON object on stdout describing
what the browser showed at each page; exits 2 (with {"error": ...}) if a page never came.
Run by Tests/MerchantDemoTests/ChromiumCheckoutTests.swift with the .venv-tests interpreter.
"""
import json
import os
import sys
import time
from urllib.parse import urlsplit

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def main():
    short_url, card, cvc = sys.argv[1], sys.argv[2], sys.argv[3]
    options = Options()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--no-first-run", "--disable-extensions", "--window-size=900,1300"):
        options.add_argument(flag)
    # The pages must work with JavaScript off: run them that way.
    options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    started = time.monotonic()
    driver = webdriver.Chrome(options=options, service=service)
    report = {"startup_seconds": round(time.monotonic() - started, 2)}
    try:
        wait = WebDriverWait(driver, 20)
        driver.get(short_url)
        wait.until(EC.element_to_be_clickable((By.ID, "pay")))
        report["shop_origin"] = origin(driver.current_url)
        report["shop_text"] = driver.find_element(By.TAG_NAME, "body").text
        report["shop_has_card_field"] = len(driver.find_elements(By.NAME, "number")) > 0
        driver.find_element(By.ID, "pay").click()

        wait.until(EC.visibility_of_element_located((By.ID, "f-number")))
        report["card_origin"] = origin(driver.current_url)
        report["card_text"] = driver.find_element(By.TAG_NAME, "body").text
        driver.find_element(By.ID, "f-name").send_keys("Grace Hopper")
        driver.find_element(By.ID, "f-number").send_keys(card)
        driver.find_element(By.ID, "f-expiry").send_keys("12/34")
        driver.find_element(By.ID, "f-cvc").send_keys(cvc)
        driver.find_element(By.ID, "pay").click()

        outcome = wait.until(EC.visibility_of_element_located((By.ID, "outcome")))
        report["result_origin"] = origin(driver.current_url)
        report["outcome"] = outcome.get_attribute("data-outcome")
        report["result_text"] = driver.find_element(By.TAG_NAME, "body").text
        notice = driver.find_element(By.CSS_SELECTOR, ".notice")
        # A region of the rendered page: where the notice is and the colour it is painted.
        report["notice_background"] = notice.value_of_css_property("background-color")
        report["notice_rect"] = notice.rect
        report["seconds"] = round(time.monotonic() - started, 2)
    except Exception as error:  # Any failure is reported with where the browser was.
        report["error"] = f"{type(error).__name__}: {error}".splitlines()[0]
        report["at"] = origin(driver.current_url) + urlsplit(driver.current_url).path
        report["page_text"] = driver.find_element(By.TAG_NAME, "body").text[:600]
        print(json.dumps(report))
        driver.quit()
        sys.exit(2)
    driver.quit()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
