"""`aicc chat` and `aicc test conversations` as a user runs them: the real binary, the
default bot, input piped in, output read back."""
import json
import os
import subprocess
import tempfile

from aicc_harness import AICC_BIN, BOT_DIR, MODEL_FILE

ENV = {**{k: v for k, v in os.environ.items() if not k.startswith("AICC_")},
       "ASAN_OPTIONS": os.environ.get("ASAN_OPTIONS", "detect_leaks=1")}


def chat(lines, *args, timeout=180):
    os.makedirs(os.path.dirname(MODEL_FILE), exist_ok=True)
    proc = subprocess.run(
        [AICC_BIN, "chat", "--bot", BOT_DIR, "--model", MODEL_FILE, *args],
        input="".join(line + "\n" for line in lines), capture_output=True, text=True,
        env=ENV, timeout=timeout)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_korean_conversation_with_explain():
    out = chat(["안녕하세요",
                "1",                        # the first quick reply: 상품 문의
                "취소",
                "영업시간이 어떻게 되나요?",
                "상담원 연결해 주세요",
                "아직인가요?"],
               "--explain", "--language", "ko")
    lines = out.splitlines()
    # The welcome with its numbered quick replies.
    assert lines[0] == "bot: 안녕하세요! 무엇을 도와드릴까요?"
    assert lines[1].strip() == "[1] 상품 문의 [2] 주문 조회 [3] 기술 지원 [4] 상담원 연결"
    assert "· decision: welcome — conversation opened" in out
    # Piped input is echoed, so the transcript reads as a conversation.
    assert "you: 안녕하세요" in lines
    assert "· decision: greet — intent greeting" in out
    # "1" sent the chip's text and started the product inquiry.
    assert "you: 상품 문의" in lines
    assert "· decision: scenario_start" in out
    assert "· scenario: product_inquiry · step: ask_product_category (1/3, 0%)" in out
    assert "· decision: scenario_cancel" in out
    # The FAQ answer names its entry, the intent and the sentiment.
    assert "평일 오전 9시부터 오후 6시까지" in out
    assert "· decision: faq_answer — FAQ faq_business_hours" in out
    assert "· faq: faq_business_hours" in out
    assert "· sentiment: neutral" in out
    # The agent request escalates; then the bot stays quiet.
    assert "· escalation: customer_request, priority low" in out
    assert "(queued for an agent: customer_request, priority low" in out
    assert lines[-2] == "you: 아직인가요?"
    assert lines[-1].strip() == "(no bot reply: waiting_for_agent)"


def test_goodbye_closes_and_quit_ends():
    out = chat(["안녕히 계세요", "이건 보내지지 않아요"], "--language", "ko")
    assert "bot: 이용해 주셔서 감사합니다. 좋은 하루 보내세요!" in out
    assert out.rstrip().endswith("(the conversation is closed)")
    assert "이건 보내지지 않아요" not in out
    assert "· decision" not in out  # no --explain

    out = chat(["/quit", "Hello"], "--language", "en")
    assert out.splitlines()[0] == "bot: Hello! How can I help you today?"
    assert "you: Hello" not in out


def test_language_detected_from_the_first_english_message():
    out = chat(["What are your business hours?"], "--explain")
    assert "We are open weekdays from 9 AM to 6 PM" in out


def run_stories(directory, *args):
    return subprocess.run(
        [AICC_BIN, "test", "conversations", directory, "--bot", BOT_DIR, *args],
        capture_output=True, text=True, env=ENV, timeout=300)


def test_story_failures_are_reported_with_a_diff_and_exit_status():
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "stories.yaml"), "w", encoding="utf-8") as f:
            f.write("stories:\n"
                    "  - story: right\n"
                    "    turns:\n"
                    "      - user: 영업시간이 어떻게 되나요?\n"
                    "        faq: faq_business_hours\n"
                    "  - story: wrong on purpose\n"
                    "    language: ko\n"
                    "    turns:\n"
                    "      - user: 안녕하세요\n"
                    "        decision: escalate\n"
                    "      - user: 영업시간\n")
        proc = run_stories(d)
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert "PASS  right  (stories.yaml:2)" in proc.stdout
        assert "FAIL  wrong on purpose  (stories.yaml:6)" in proc.stdout
        assert "expected: escalate" in proc.stdout and "actual:   greet" in proc.stdout
        assert "bot reply:" in proc.stdout and "무엇을 도와드릴까요" in proc.stdout
        assert "2 stories, 1 passed, 1 failed" in proc.stdout

        proc = run_stories(d, "--json", "--filter", "RIGHT")
        assert proc.returncode == 0, proc.stdout + proc.stderr
        doc = json.loads(proc.stdout)
        assert doc["summary"] == {"stories": 1, "passed": 1, "failed": 0}

        with open(os.path.join(d, "broken.yaml"), "w", encoding="utf-8") as f:
            f.write("stories:\n  - story: typo\n    turns:\n      - user: hi\n"
                    "        decison: greet\n")
        proc = run_stories(d)
        assert proc.returncode == 2
        assert "broken.yaml:5: unknown key \"decison\"" in proc.stderr

