package lang

import (
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string
	}{
		{"english", "The mayor said on Tuesday that the bridge across the river would remain closed until engineers had finished inspecting the damage caused by the floods.", "en"},
		{"english wire lead", "KYIV, Ukraine (AP) — Air raid sirens sounded across the capital early Friday as officials urged residents to stay in shelters while emergency crews searched the rubble of a damaged apartment building.", "en"},
		{"french", "Le gouvernement a annoncé mardi que les écoles de la région resteront fermées jusqu'à la fin de la semaine en raison des fortes pluies et des inondations.", "fr"},
		{"german", "Die Regierung hat am Dienstag angekündigt, dass die Schulen in der Region wegen der starken Regenfälle bis zum Ende der Woche geschlossen bleiben.", "de"},
		{"spanish", "El gobierno anunció el martes que las escuelas de la región permanecerán cerradas hasta el final de la semana debido a las fuertes lluvias y las inundaciones.", "es"},
		{"italian", "Il governo ha annunciato martedì che le scuole della regione resteranno chiuse fino alla fine della settimana a causa delle forti piogge e delle alluvioni.", "it"},
		{"portuguese", "O governo anunciou na terça-feira que as escolas da região vão permanecer fechadas até ao fim da semana por causa das chuvas fortes e das inundações.", "pt"},
		{"dutch", "De regering heeft dinsdag aangekondigd dat de scholen in de regio tot het einde van de week gesloten blijven vanwege de zware regenval en de overstromingen.", "nl"},
		{"polish", "Rząd ogłosił we wtorek, że szkoły w regionie pozostaną zamknięte do końca tygodnia z powodu ulewnych deszczy i powodzi.", "pl"},
		{"turkish", "Hükümet salı günü yaptığı açıklamada, bölgedeki okulların şiddetli yağışlar ve seller nedeniyle hafta sonuna kadar kapalı kalacağını duyurdu.", "tr"},
		{"russian", "Правительство во вторник объявило, что школы в регионе останутся закрытыми до конца недели из-за сильных дождей и наводнений.", "ru"},
		{"ukrainian", "Уряд у вівторок оголосив, що школи в регіоні залишаться зачиненими до кінця тижня через сильні дощі та повені.", "uk"},
		{"arabic", "أعلنت الحكومة يوم الثلاثاء أن المدارس في المنطقة ستبقى مغلقة حتى نهاية الأسبوع بسبب الأمطار الغزيرة والفيضانات.", "ar"},
		{"persian", "دولت روز سه‌شنبه اعلام کرد که مدارس این منطقه به دلیل بارش شدید باران و سیل تا پایان هفته تعطیل خواهند بود.", "fa"},
		{"hebrew", "הממשלה הודיעה ביום שלישי כי בתי הספר באזור יישארו סגורים עד סוף השבוע בגלל הגשמים העזים והשיטפונות.", "he"},
		{"hindi", "सरकार ने मंगलवार को घोषणा की कि भारी बारिश और बाढ़ के कारण क्षेत्र के स्कूल सप्ताह के अंत तक बंद रहेंगे।", "hi"},
		{"chinese", "政府星期二宣布，由于暴雨和洪水，该地区的学校将关闭到本周末。", "zh"},
		{"japanese", "政府は火曜日、大雨と洪水のため、この地域の学校を週末まで休校にすると発表した。", "ja"},
		{"korean", "정부는 화요일 폭우와 홍수로 인해 이 지역 학교들이 주말까지 휴교한다고 발표했다.", "ko"},

		{"empty", "", ""},
		{"spaces", "   \n\t  ", ""},
		{"short english", "Breaking news", ""},
		{"short russian", "Новости дня", ""},
		{"digits and punctuation", "12:45 — 2022-02-28 / +380 (44) 123-45-67 ... !!! ###", ""},
		{"three han characters", "新闻网", ""},
		{"outside whitelist (Thai)", "รัฐบาลประกาศเมื่อวันอังคารว่าโรงเรียนในภูมิภาคจะปิดจนถึงสิ้นสัปดาห์เนื่องจากฝนตกหนักและน้ำท่วม", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, conf := Detect(tt.text)
			if got != tt.want {
				t.Fatalf("Detect(%q) = %q (confidence %.2f), want %q", tt.text, got, conf, tt.want)
			}
			if conf < 0 || conf > 1 {
				t.Errorf("confidence %v outside [0,1]", conf)
			}
			if got != "" && conf < MinConfidence {
				t.Errorf("returned %q with confidence %.2f below MinConfidence", got, conf)
			}
		})
	}
}

func TestDetectOnlyLooksAtHead(t *testing.T) {
	en := "The mayor said on Tuesday that the bridge across the river would remain closed until engineers had finished inspecting it. "
	fr := "Le gouvernement a annoncé mardi que les écoles de la région resteront fermées jusqu'à la fin de la semaine. "
	// About 2,400 runes of English followed by much more French: only the
	// English head is examined.
	text := strings.Repeat(en, 20) + strings.Repeat(fr, 200)
	if got, _ := Detect(text); got != "en" {
		t.Fatalf("Detect(long en+fr) = %q, want en", got)
	}
}

func TestHead(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"", 3, ""},
		{"abc", 3, "abc"},
		{"abcdef", 3, "abc"},
		{"жжжж", 2, "жж"},
		{"ж\xffжж", 2, "ж\xff"},
		{"日本語テキスト", 3, "日本語"},
	}
	for _, tt := range tests {
		if got := head(tt.s, tt.n); got != tt.want {
			t.Errorf("head(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	text := "The mayor said on Tuesday \xff\xfe that the bridge across the river would remain closed \xc3 until engineers had finished."
	if got, _ := Detect(text); got != "en" {
		t.Fatalf("Detect(en with invalid bytes) = %q, want en", got)
	}
}

func TestName(t *testing.T) {
	tests := map[string]string{
		"en": "English",
		"uk": "Ukrainian",
		"fa": "Persian",
		"zh": "Chinese",
		"":   "",
		"xx": "",
		"EN": "",
	}
	for code, want := range tests {
		if got := Name(code); got != want {
			t.Errorf("Name(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestMapping(t *testing.T) {
	m := ISO6393To6391()
	want := map[string]string{"eng": "en", "pes": "fa", "arb": "ar", "cmn": "zh", "ukr": "uk", "ron": "ro"}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("ISO6393To6391()[%q] = %q, want %q", k, m[k], v)
		}
		if got := FromISO6393(k); got != v {
			t.Errorf("FromISO6393(%q) = %q, want %q", k, got, v)
		}
	}
	if got := FromISO6393("tgl"); got != "" {
		t.Errorf("FromISO6393(tgl) = %q, want \"\" (not whitelisted)", got)
	}
	m["eng"] = "xx"
	if FromISO6393("eng") != "en" {
		t.Error("ISO6393To6391 returned the internal map, not a copy")
	}
	codes := Codes()
	if len(codes) != len(languages) || len(m) != len(languages) {
		t.Fatalf("Codes() has %d entries, mapping %d, whitelist %d", len(codes), len(m), len(languages))
	}
	for i, c := range codes {
		if Name(c) == "" {
			t.Errorf("no Name for code %q", c)
		}
		if i > 0 && codes[i-1] >= c {
			t.Errorf("Codes() not sorted or has duplicates at %d: %v", i, codes)
		}
	}
}

func BenchmarkDetect(b *testing.B) {
	para := "KYIV, Ukraine (AP) — Air raid sirens sounded across the capital early Friday as officials urged residents to stay in shelters while emergency crews searched the rubble of a damaged apartment building. "
	text := strings.Repeat(para, 50) // ~10,000 runes; Detect reads the first 2,000
	b.ReportAllocs()
	for b.Loop() {
		Detect(text)
	}
}

func TestWhitelistMatchesWhatlanggo(t *testing.T) {
	for _, l := range languages {
		if got := l.lang.Iso6393(); got != l.iso3 {
			t.Errorf("%s: whatlanggo ISO 639-3 is %q, table says %q", l.name, got, l.iso3)
		}
		if got := l.lang.Iso6391(); got != "" && got != l.iso1 {
			t.Errorf("%s: whatlanggo ISO 639-1 is %q, table says %q", l.name, got, l.iso1)
		}
	}
}
