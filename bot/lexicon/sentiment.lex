# AICC sentiment lexicon (Korean and English) — read by src/nlu/sentiment.
# Compiled into the binary as the default; an operator may load an edited copy instead.
# Format and matching rules: docs/nlu-entities.md ("Sentiment lexicon format").
#
#   <kind> <weight> <term>
#
# kind     weight means                                    examples
# sent     valence, -5..5                                  좋 1.2, 최악 …, bad -1.5
# anger    valence; also raises the anger flag             짜증 -2.5
# urgency  valence; also raises the urgency flag           긴급 -0.5
# neutral  (0) matches and is ignored: blocks shorter      전화가 (hides 화가), 안녕 (hides 안)
#          terms inside it
# negator  valence when it negates nothing (else 0)        안, 못, not
# postneg  (0) negates the cue just before it              지 않, 없, 아니
# intens   multiplier for the next cue                     너무 1.5, 좀 0.7
# npi      valence only if its clause has no other cue     별로 -1.2
# contrast what came before is multiplied by weight        하지만 0.5
#
# Terms: a space inside a term matches any number of blanks, including none ("화가 나" also
# matches "화가나"). Hangul terms are stems: they match inside longer words and across
# endings (짜증 → 짜증나요; 화나 → 화났어요, because the last syllable may take a final
# consonant). A leading ^ makes a term start a word; terms that begin with a Latin letter always
# do, and terms that end with one must end a word unless they end with * (frustrat*).
# ^ and * are literal in terms without letters (^^, ^_^). The longest term at a position wins,
# so longer neutral terms switch shorter ones off.

# --- Korean: positive ------------------------------------------------------------------------
sent 1.2 좋
sent 0.6 좋은
sent 2.5 좋아 미치
sent 1.0 감사
sent 1.5 고마
sent 1.5 고맙
sent 1.3 만족
sent 2.0 최고
sent 2.0 훌륭
sent 1.5 친절
sent 1.0 편리
sent 0.8 편하
sent 0.8 편해
sent 1.0 빠르
sent 1.0 빨라
sent 1.0 빨랐
sent 1.0 신속
sent 1.0 깔끔
sent 1.5 마음에 들
sent 1.5 맘에 들
sent 1.5 대박
sent 1.0 굿
sent 1.5 짱
sent 1.3 사랑
sent 2.0 완벽
sent 1.2 도움이 되
sent 1.2 도움이 됐
sent 1.2 도움 됐
sent 1.2 도움 주셔서
sent 1.5 도움이 많이 되
sent 1.5 도움이 많이 됐
sent 1.5 강추
sent 1.0 잘 됐
sent 1.0 잘 되었
sent 1.0 잘 받았
sent 1.0 잘 쓰고
sent 1.0 잘 도착
sent 1.0 해결됐
sent 1.0 해결 됐
sent 1.0 해결되었
sent 1.0 해결해 주셔서
sent 1.0 처리해 주셔서
sent 0.8 다행
sent 0.8 괜찮
sent 1.2 덕분
sent 1.0 반갑
sent 1.0 반가
sent 1.5 멋지
sent 1.5 멋있
sent 1.0 맛있
sent 1.0 예쁘
sent 1.0 예뻐
sent 1.0 이쁘
sent 1.0 유용
sent 2.0 감동
sent 1.5 상냥
sent 1.2 기쁘
sent 1.2 기뻐
sent 1.2 기쁨
sent 1.5 행복
sent 1.0 든든
sent 1.0 꼼꼼
sent 0.8 수고
sent 0.8 기대
sent 1.0 빨리 왔
sent 1.0 빨리 와서
sent 1.0 빨리 받았
sent 1.0 빨리 도착
sent 1.0 빨리 처리해 주셔서
sent 1.0 빨리 해결해 주셔서
sent 1.0 빨리 답변해 주셔서
sent 0.8 문제 없
sent 0.8 문제없이

# --- Korean: negative ------------------------------------------------------------------------
sent -1.5 싫
sent -1.5 나쁘
sent -1.5 나빠
sent -1.5 나빴
sent -1.5 불편
sent -1.5 불만
sent -2.0 불만족
sent -2.0 불친절
sent -2.0 실망
sent -2.0 엉망
sent -2.0 엉터리
sent -1.5 기대 이하
sent -1.0 느리
sent -1.0 느려
sent -1.0 느렸
sent -1.0 늦
sent -1.0 지연
sent -1.0 문제
sent -1.0 오류
sent -1.0 에러
sent -1.5 고장
sent -1.5 파손
sent -1.5 망가
sent -1.5 불량
sent -1.0 잘못
sent -1.5 손해
sent -1.0 피해
sent -1.0 번거
sent -0.5 비싸
sent -0.5 비쌌
sent -1.2 안 되
sent -1.2 안 돼
sent -1.2 안 됐
sent -1.5 잘 안 되
sent -1.5 잘 안 돼
sent -1.5 해결이 안
sent -1.2 못 받
sent -1.5 못 믿
sent -1.2 안 와
sent -1.2 안 왔
sent -1.2 안 오
sent -1.2 안 온
sent -1.0 안 나와
sent -1.0 안 켜
sent -1.0 안 열
sent -1.5 연락이 없
sent -1.5 연락 없
sent -1.5 연락도 없
sent -1.5 답이 없
sent -1.5 답변이 없
sent -1.5 답변 없
sent -1.5 답변도 없
sent -1.5 오래 기다
sent -1.5 한참 기다
sent -0.8 아직도
sent -1.0 도대체
sent -1.0 언제까지
sent -1.2 몇 번째
sent -1.0 힘들
sent -1.0 힘드
sent -0.8 어렵
sent -0.8 어려
sent -1.0 아쉽
sent -1.0 아쉬
sent -1.5 안타깝
sent -1.5 안타까
sent -1.5 속상
sent -0.8 걱정
sent -1.5 슬프
sent -1.5 슬퍼
sent -1.5 우울
sent -1.8 답답
sent -1.0 귀찮
sent -1.0 당황
sent -1.0 불안
sent -1.5 후회
sent -2.5 형편없
sent -0.8 이상하
sent -0.8 이상해
sent -1.2 심하
sent -1.2 심해
sent -1.5 너무하
sent -1.5 너무해
sent -1.0 재미없
sent -1.0 맛없
sent -1.5 쓸모없
sent -1.2 소용없
sent -0.5 어쩔 수 없
npi -1.2 별로
npi -0.8 그닥
npi -0.8 그다지

# --- Korean: anger (PRODUCT §3: 화나, 짜증, 최악, 열받 …) -------------------------------------
anger -2.5 화나
anger -2.5 화가 나
anger -2.5 화가 치밀
anger -2.5 짜증
anger -3.0 개짜증
anger -3.0 최악
anger -2.5 열받
anger -2.5 열 받
anger -2.5 열이 받
anger -2.5 어이없
anger -2.5 어이가 없
anger -2.5 어처구니없
anger -2.5 어처구니가 없
anger -2.5 빡치
anger -2.5 빡쳐
anger -2.5 빡쳤
anger -2.5 미치겠
anger -2.5 미쳐
anger -2.5 미쳤
anger -2.0 미친
anger -2.5 장난하
anger -2.5 장난해
anger -2.5 장난치
anger -2.5 뭐하는
anger -2.0 개판
anger -2.5 황당
anger -2.5 쓰레기
anger -2.0 불쾌
anger -2.0 사기
anger -2.0 신고하
anger -2.0 신고할
anger -2.0 소비자원
anger -2.0 고소하
anger -2.0 환장
anger -2.5 돌겠
anger -2.0 분노
anger -2.5 기가 막히
anger -2.5 기가 막혀
anger -2.5 기막히
anger -2.5 기막혀
anger -2.5 속 터지
anger -2.5 속 터져
anger -2.0 성질
anger -2.5 욕 나
anger -2.0 한심

# --- Korean: urgency (긴급, 당장, 응급, 심각한 …) --------------------------------------------
urgency -0.5 긴급
urgency -0.5 당장
urgency -0.5 응급
urgency -1.0 심각
urgency -0.3 급하
urgency -0.3 급해
urgency -0.3 급했
urgency -0.3 급히
urgency -0.3 시급
urgency -0.3 빨리
urgency -0.3 즉시
urgency -0.3 얼른
urgency -0.3 서둘러
urgency -0.5 한시가 급

# --- Korean: negation, degree, contrast ------------------------------------------------------
negator -0.3 ^안
negator -0.6 ^못
postneg 0 지 않
postneg 0 않
postneg 0 지 못
postneg 0 지 마
postneg 0 없
postneg 0 아니
postneg 0 아냐
intens 1.5 너무
intens 1.5 정말
intens 1.5 진짜
intens 1.5 완전
intens 1.5 엄청
intens 1.5 매우
intens 1.4 아주
intens 1.4 되게
intens 1.5 굉장히
intens 1.5 대단히
intens 1.5 몹시
intens 1.4 무척
intens 1.3 ^참
intens 1.4 ^넘
intens 1.3 전혀
intens 1.3 절대
intens 1.3 가장
intens 1.3 제일
intens 1.2 많이
intens 1.2 꽤
intens 1.3 상당히
intens 1.5 극도로
intens 0.7 좀
intens 0.7 조금
intens 0.7 약간
intens 0.8 다소
intens 0.7 살짝
contrast 0.5 하지만
contrast 0.5 그런데
contrast 0.5 근데
contrast 0.5 그러나
contrast 0.5 지만
contrast 0.5 는데

# --- Korean: words that contain a cue but are not one ---------------------------------------
neutral 0 안녕
neutral 0 안내
neutral 0 안전
neutral 0 안정
neutral 0 안심
neutral 0 안경
neutral 0 안에
neutral 0 안으로
neutral 0 안쪽
neutral 0 안드로이드
neutral 0 안부
neutral 0 안과
neutral 0 ^참고
neutral 0 ^참여
neutral 0 ^참석
neutral 0 ^참조
neutral 0 ^참가
neutral 0 ^넘어
neutral 0 ^넘었
neutral 0 ^넘게
neutral 0 ^넘는
neutral 0 ^넘기
neutral 0 ^넘겨
neutral 0 전화나
neutral 0 전화가
neutral 0 통화가
neutral 0 통화나
neutral 0 대화가
neutral 0 대화나
neutral 0 영화가
neutral 0 영화나
neutral 0 변화가
neutral 0 변화나
neutral 0 좋겠
neutral 0 좋을까
neutral 0 좋을지
neutral 0 좋은지
neutral 0 괜찮으시
neutral 0 괜찮을
neutral 0 괜찮은지
neutral 0 늦어도
neutral 0 안 되면
neutral 0 천천히
neutral 0 상관없
neutral 0 상관 없
neutral 0 만족도
neutral 0 문제가 생기면
neutral 0 죄송

# --- English: positive -----------------------------------------------------------------------
sent 1.2 good
sent 1.8 great
sent 2.2 excellent
sent 2.0 awesome
sent 2.0 amazing
sent 2.0 perfect*
sent 2.0 wonderful
sent 2.0 fantastic
sent 1.8 brilliant
sent 1.8 superb
sent 1.5 outstanding
sent 1.8 love
sent 1.8 loved
sent 1.0 lovely
sent 1.5 happy
sent 1.5 satisfied
sent 1.5 thank*
sent 1.5 thx
sent 1.5 appreciate*
sent 1.5 helpful
sent 1.2 nice
sent 1.0 pleasant
sent 0.8 fast
sent 0.8 quick
sent 0.8 easy
sent 1.3 friendly
sent 1.0 polite
sent 1.0 smooth
sent 1.0 convenient
sent 1.0 resolved
sent 0.8 fixed
sent 0.6 works
sent 0.6 working
sent 0.8 worked
sent 1.2 glad
sent 1.3 pleased
sent 1.2 impress*
sent 0.8 recommend*
sent 1.8 best
sent 0.5 fine
sent 0.4 ok
sent 0.4 okay
sent 0.8 cool
sent 1.0 i like
sent 1.0 liked
sent 0.8 no problem
sent 0.8 no problems
sent 0.8 no worries

# --- English: negative -----------------------------------------------------------------------
sent -1.5 bad
sent -2.2 terrible
sent -2.2 awful
sent -2.2 horrible
sent -1.2 poor*
sent -1.0 slow*
sent -1.5 broken
sent -1.5 broke
sent -1.5 damaged
sent -1.5 defective
sent -1.8 disappoint*
sent -1.8 frustrat*
sent -1.5 upset
sent -1.5 unhappy
sent -1.8 dissatisfied
sent -1.8 unsatisfied
sent -0.8 problem*
sent -0.5 issue*
sent -0.8 error*
sent -1.2 fail*
sent -1.2 crash*
sent -1.0 wrong
sent -0.8 late
sent -1.0 delay*
sent -1.5 lost
sent -1.5 missing
sent -1.5 never arrived
sent -1.5 never received
sent -1.5 not working
sent -1.5 isn't working
sent -1.5 doesn't work
sent -1.5 does not work
sent -1.5 didn't work
sent -1.5 don't work
sent -1.5 won't work
sent -1.5 stopped working
sent -1.2 can't log in
sent -1.2 cannot log in
sent -1.5 still waiting
sent -1.5 still haven't
sent -1.5 no response
sent -1.5 no reply
sent -1.5 no answer
sent -1.5 don't like
sent -1.5 didn't like
sent -1.5 charged twice
sent -1.5 double charged
sent -2.0 useless
sent -1.5 waste*
sent -2.0 rude
sent -1.5 sad
sent -0.8 worried
sent -0.8 confus*
sent -0.8 difficult
sent -0.5 expensive
sent -1.0 complain*
sent -0.8 unfortunately
sent -2.0 sucks
sent -2.0 suck

# --- English: anger and urgency --------------------------------------------------------------
anger -2.5 angry
anger -3.0 furious
anger -2.0 mad
anger -2.5 pissed
anger -2.5 outrag*
anger -2.5 ridiculous
anger -2.5 unacceptable
anger -3.0 worst
anger -2.5 hate*
anger -2.0 fed up
anger -2.0 sick of
anger -2.0 sick and tired
anger -2.5 wtf
anger -2.5 what the hell
anger -2.5 what the fuck
anger -1.5 damn*
anger -3.0 livid
anger -2.5 disgust*
anger -2.0 annoy*
anger -3.0 infuriat*
anger -2.0 scam*
anger -2.5 rip off
anger -2.5 ripped off
anger -2.0 this is a joke
anger -2.0 absurd
urgency -0.3 urgent*
urgency -0.3 asap
urgency -0.3 a.s.a.p
urgency -0.3 as soon as possible
urgency -0.3 immediately
urgency -0.3 immediate
urgency -0.8 emergency
urgency -0.3 right away
urgency -0.5 critical
urgency -0.3 time-sensitive
urgency -0.3 time sensitive
urgency -0.3 hurry
urgency -0.3 at once

# --- English: negation, degree, contrast, non-cues -------------------------------------------
negator 0 not
negator 0 no
negator 0 never
negator 0 don't
negator 0 dont
negator 0 doesn't
negator 0 doesnt
negator 0 didn't
negator 0 didnt
negator 0 isn't
negator 0 isnt
negator 0 wasn't
negator 0 wasnt
negator 0 aren't
negator 0 weren't
negator 0 won't
negator 0 wont
negator 0 can't
negator 0 cant
negator 0 cannot
negator 0 couldn't
negator 0 wouldn't
negator 0 shouldn't
negator 0 haven't
negator 0 hasn't
negator 0 hardly
negator 0 barely
negator 0 without
negator 0 nothing
intens 1.4 very
intens 1.3 so
intens 1.4 really
intens 1.7 extremely
intens 1.5 super
intens 1.5 totally
intens 1.6 absolutely
intens 1.6 incredibly
intens 1.3 too
intens 1.4 highly
intens 1.5 completely
intens 1.6 utterly
intens 1.2 quite
intens 1.2 pretty
intens 1.0 that
intens 1.3 such
intens 0.7 a bit
intens 0.7 a little
intens 0.6 slightly
intens 0.7 kind of
intens 0.7 kinda
intens 0.7 sort of
intens 0.7 somewhat
contrast 0.5 but
contrast 0.5 however
contrast 0.5 although
neutral 0 best regards
neutral 0 what kind
neutral 0 no rush
neutral 0 no hurry
neutral 0 not sure

# --- Emoticons and emoji ---------------------------------------------------------------------
sent -0.8 ㅠㅠ
sent -0.8 ㅜㅜ
sent -0.8 ㅠ.ㅠ
sent -0.8 ㅜ.ㅜ
sent -0.8 t_t
sent -1.2 ㅡㅡ
sent -1.2 -_-
sent -1.0 -.-
sent 1.0 ^^
sent 1.0 ^_^
sent 1.0 ^-^
sent 0.4 ㅎㅎ
sent 0.2 ㅋㅋ
sent 1.0 :)
sent 1.0 :-)
sent 1.2 :d
sent -1.0 :(
sent -1.0 :-(
sent -1.2 :'(
sent 1.2 <3
sent 1.5 😊
sent 1.5 🙂
sent 1.5 😀
sent 1.5 😃
sent 1.5 😄
sent 1.5 😁
sent 1.5 😍
sent 1.5 👍
sent 1.5 ❤
sent 0.8 🙏
sent -1.5 😢
sent -1.5 😭
sent -1.5 😞
sent -1.5 😔
sent -1.5 😩
sent -1.5 👎
anger -2.0 😤
anger -2.5 😠
anger -2.5 😡
anger -3.0 🤬
