import type { Locale } from '../../shared/locales';
import type { UploadProblem } from '../contract-documents';
import type { SignatureProblem } from '../contract-signing';

/**
 * The words of the customer's contract pages (document upload, signature), in each language.
 * `{contractId}`, `{legalName}`, `{documents}` are filled in (and escaped) by the pages.
 */
export interface ContractPageText {
  documentsTitle: string;
  documentsIntro: string;
  stillNeeded: string;
  documentLabel: string;
  fileLabel: string;
  fileHint: string;
  legalNameLabel: string;
  legalNameHint: string;
  upload: string;
  received: string;
  allReceived: string;
  problemsTitle: string;
  uploadProblems: Record<UploadProblem, string>;
  signTitle: string;
  signIntro: string;
  signerLabel: string;
  agreeLabel: string;
  sign: string;
  signProblems: Record<SignatureProblem, string>;
  signedTitle: string;
  signedBody: string;
  notWaitingTitle: string;
  notWaitingBody: string;
}

export const contractPageText: Record<Locale, ContractPageText> = {
  en: {
    documentsTitle: 'Documents for your contract',
    documentsIntro: 'Contract {contractId} for {legalName}.',
    stillNeeded: 'Still needed: {documents}.',
    documentLabel: 'Document',
    fileLabel: 'File',
    fileHint: 'PDF, JPEG or PNG, up to 4 MB.',
    legalNameLabel: 'Legal name as written on the business licence',
    legalNameHint: 'Only for the business licence: it must match the name on the contract.',
    upload: 'Upload',
    received: 'Thank you: we received the document.',
    allReceived: 'We have every document we need. We will be in touch.',
    problemsTitle: 'Please correct the following',
    uploadProblems: {
      'type-missing': 'Choose which document this is.',
      'type-not-needed': 'This contract does not need that document.',
      'file-missing': 'Choose a file to upload.',
      'file-too-large': 'The file is larger than 4 MB.',
      'file-type': 'The file must be a PDF, JPEG or PNG.',
      'file-name':
        'The file name contains hidden characters that can disguise a file. Rename the file and upload it again.',
      'legal-name-missing': 'Enter the legal name as written on the business licence.',
      'legal-name-mismatch':
        'The legal name on the business licence does not match the name on the contract.',
      'contract-closed': 'This contract is signed already; no more documents are needed.',
    },
    signTitle: 'Sign your contract',
    signIntro: 'Please check the contract below. To sign, type your full name and confirm.',
    signerLabel: 'Your full name',
    agreeLabel: 'I have read the contract and agree to its terms.',
    sign: 'Sign the contract',
    signProblems: {
      'name-missing': 'Type your full name.',
      'name-too-long': 'Use at most 200 characters.',
      'agree-missing': 'Confirm that you agree to the terms.',
    },
    signedTitle: 'Thank you for signing',
    signedBody: 'Your contract is signed. You will receive your copy by email.',
    notWaitingTitle: 'Nothing to do here',
    notWaitingBody: 'This contract is not waiting for this step any more.',
  },
  de: {
    documentsTitle: 'Unterlagen für Ihren Vertrag',
    documentsIntro: 'Vertrag {contractId} für {legalName}.',
    stillNeeded: 'Noch benötigt: {documents}.',
    documentLabel: 'Unterlage',
    fileLabel: 'Datei',
    fileHint: 'PDF, JPEG oder PNG, bis 4 MB.',
    legalNameLabel: 'Firmenname laut Gewerbeschein',
    legalNameHint: 'Nur für den Gewerbeschein: Er muss mit dem Namen im Vertrag übereinstimmen.',
    upload: 'Hochladen',
    received: 'Vielen Dank: Wir haben die Unterlage erhalten.',
    allReceived: 'Wir haben alle benötigten Unterlagen. Wir melden uns bei Ihnen.',
    problemsTitle: 'Bitte korrigieren Sie Folgendes',
    uploadProblems: {
      'type-missing': 'Wählen Sie, um welche Unterlage es sich handelt.',
      'type-not-needed': 'Diese Unterlage wird für diesen Vertrag nicht benötigt.',
      'file-missing': 'Wählen Sie eine Datei zum Hochladen.',
      'file-too-large': 'Die Datei ist größer als 4 MB.',
      'file-type': 'Die Datei muss ein PDF, JPEG oder PNG sein.',
      'file-name':
        'Der Dateiname enthält versteckte Zeichen, die eine Datei tarnen können. Benennen Sie die Datei um und laden Sie sie erneut hoch.',
      'legal-name-missing': 'Geben Sie den Firmennamen laut Gewerbeschein ein.',
      'legal-name-mismatch':
        'Der Firmenname auf dem Gewerbeschein stimmt nicht mit dem Namen im Vertrag überein.',
      'contract-closed':
        'Dieser Vertrag ist bereits unterschrieben; weitere Unterlagen sind nicht nötig.',
    },
    signTitle: 'Vertrag unterschreiben',
    signIntro:
      'Bitte prüfen Sie den Vertrag. Zum Unterschreiben geben Sie Ihren vollständigen Namen ein und bestätigen Sie.',
    signerLabel: 'Ihr vollständiger Name',
    agreeLabel: 'Ich habe den Vertrag gelesen und stimme seinen Bedingungen zu.',
    sign: 'Vertrag unterschreiben',
    signProblems: {
      'name-missing': 'Geben Sie Ihren vollständigen Namen ein.',
      'name-too-long': 'Verwenden Sie höchstens 200 Zeichen.',
      'agree-missing': 'Bestätigen Sie, dass Sie den Bedingungen zustimmen.',
    },
    signedTitle: 'Vielen Dank für Ihre Unterschrift',
    signedBody: 'Ihr Vertrag ist unterschrieben. Ihr Exemplar erhalten Sie per E-Mail.',
    notWaitingTitle: 'Hier ist nichts zu tun',
    notWaitingBody: 'Dieser Vertrag wartet nicht mehr auf diesen Schritt.',
  },
  el: {
    documentsTitle: 'Έγγραφα για τη σύμβασή σας',
    documentsIntro: 'Σύμβαση {contractId} για {legalName}.',
    stillNeeded: 'Χρειάζονται ακόμη: {documents}.',
    documentLabel: 'Έγγραφο',
    fileLabel: 'Αρχείο',
    fileHint: 'PDF, JPEG ή PNG, έως 4 MB.',
    legalNameLabel: 'Επωνυμία όπως αναγράφεται στην άδεια επιχείρησης',
    legalNameHint:
      'Μόνο για την άδεια επιχείρησης: πρέπει να ταιριάζει με την επωνυμία της σύμβασης.',
    upload: 'Μεταφόρτωση',
    received: 'Σας ευχαριστούμε: λάβαμε το έγγραφο.',
    allReceived: 'Έχουμε όλα τα έγγραφα που χρειαζόμαστε. Θα επικοινωνήσουμε μαζί σας.',
    problemsTitle: 'Διορθώστε τα παρακάτω',
    uploadProblems: {
      'type-missing': 'Επιλέξτε ποιο έγγραφο είναι.',
      'type-not-needed': 'Αυτή η σύμβαση δεν χρειάζεται αυτό το έγγραφο.',
      'file-missing': 'Επιλέξτε αρχείο για μεταφόρτωση.',
      'file-too-large': 'Το αρχείο είναι μεγαλύτερο από 4 MB.',
      'file-type': 'Το αρχείο πρέπει να είναι PDF, JPEG ή PNG.',
      'file-name':
        'Το όνομα του αρχείου περιέχει κρυφούς χαρακτήρες που μπορούν να συγκαλύψουν ένα αρχείο. Μετονομάστε το αρχείο και μεταφορτώστε το ξανά.',
      'legal-name-missing': 'Εισαγάγετε την επωνυμία όπως αναγράφεται στην άδεια επιχείρησης.',
      'legal-name-mismatch':
        'Η επωνυμία στην άδεια επιχείρησης δεν ταιριάζει με την επωνυμία της σύμβασης.',
      'contract-closed': 'Η σύμβαση έχει ήδη υπογραφεί· δεν χρειάζονται άλλα έγγραφα.',
    },
    signTitle: 'Υπογραφή σύμβασης',
    signIntro:
      'Ελέγξτε τη σύμβαση παρακάτω. Για να υπογράψετε, πληκτρολογήστε το ονοματεπώνυμό σας και επιβεβαιώστε.',
    signerLabel: 'Ονοματεπώνυμο',
    agreeLabel: 'Διάβασα τη σύμβαση και αποδέχομαι τους όρους της.',
    sign: 'Υπογραφή σύμβασης',
    signProblems: {
      'name-missing': 'Πληκτρολογήστε το ονοματεπώνυμό σας.',
      'name-too-long': 'Χρησιμοποιήστε έως 200 χαρακτήρες.',
      'agree-missing': 'Επιβεβαιώστε ότι αποδέχεστε τους όρους.',
    },
    signedTitle: 'Σας ευχαριστούμε για την υπογραφή',
    signedBody: 'Η σύμβασή σας υπογράφηκε. Θα λάβετε το αντίγραφό σας με email.',
    notWaitingTitle: 'Δεν απαιτείται ενέργεια',
    notWaitingBody: 'Η σύμβαση δεν περιμένει πλέον αυτό το βήμα.',
  },
  ko: {
    documentsTitle: '계약 서류 제출',
    documentsIntro: '{legalName}의 계약 {contractId}.',
    stillNeeded: '아직 필요한 서류: {documents}.',
    documentLabel: '서류',
    fileLabel: '파일',
    fileHint: 'PDF, JPEG 또는 PNG, 최대 4MB.',
    legalNameLabel: '사업자 등록증에 기재된 상호',
    legalNameHint: '사업자 등록증에만 해당: 계약서의 상호와 일치해야 합니다.',
    upload: '업로드',
    received: '감사합니다. 서류를 받았습니다.',
    allReceived: '필요한 서류를 모두 받았습니다. 곧 연락드리겠습니다.',
    problemsTitle: '다음 사항을 수정해 주십시오',
    uploadProblems: {
      'type-missing': '어떤 서류인지 선택해 주십시오.',
      'type-not-needed': '이 계약에는 해당 서류가 필요하지 않습니다.',
      'file-missing': '업로드할 파일을 선택해 주십시오.',
      'file-too-large': '파일이 4MB보다 큽니다.',
      'file-type': '파일은 PDF, JPEG 또는 PNG여야 합니다.',
      'file-name':
        '파일 이름에 파일을 위장할 수 있는 숨은 문자가 있습니다. 파일 이름을 바꾼 뒤 다시 업로드해 주십시오.',
      'legal-name-missing': '사업자 등록증에 기재된 상호를 입력해 주십시오.',
      'legal-name-mismatch': '사업자 등록증의 상호가 계약서의 상호와 일치하지 않습니다.',
      'contract-closed': '이미 서명된 계약입니다. 추가 서류는 필요하지 않습니다.',
    },
    signTitle: '계약서 서명',
    signIntro: '아래 계약 내용을 확인해 주십시오. 서명하려면 성명을 입력하고 동의해 주십시오.',
    signerLabel: '성명',
    agreeLabel: '계약서를 읽었으며 그 조건에 동의합니다.',
    sign: '계약서 서명',
    signProblems: {
      'name-missing': '성명을 입력해 주십시오.',
      'name-too-long': '200자 이내로 입력해 주십시오.',
      'agree-missing': '조건에 동의함을 확인해 주십시오.',
    },
    signedTitle: '서명해 주셔서 감사합니다',
    signedBody: '계약서가 서명되었습니다. 사본은 이메일로 보내 드립니다.',
    notWaitingTitle: '처리할 일이 없습니다',
    notWaitingBody: '이 계약은 더 이상 이 단계를 기다리지 않습니다.',
  },
  zh: {
    documentsTitle: '合同所需文件',
    documentsIntro: '{legalName} 的合同 {contractId}。',
    stillNeeded: '仍需：{documents}。',
    documentLabel: '文件',
    fileLabel: '文件',
    fileHint: 'PDF、JPEG 或 PNG，最大 4 MB。',
    legalNameLabel: '营业执照上的法定名称',
    legalNameHint: '仅适用于营业执照：必须与合同上的名称一致。',
    upload: '上传',
    received: '谢谢，我们已收到该文件。',
    allReceived: '我们已收到所需的全部文件，将尽快与您联系。',
    problemsTitle: '请更正以下内容',
    uploadProblems: {
      'type-missing': '请选择文件类型。',
      'type-not-needed': '此合同不需要该文件。',
      'file-missing': '请选择要上传的文件。',
      'file-too-large': '文件大于 4 MB。',
      'file-type': '文件必须是 PDF、JPEG 或 PNG。',
      'file-name': '文件名包含可伪装文件的隐藏字符。请重命名文件后重新上传。',
      'legal-name-missing': '请输入营业执照上的法定名称。',
      'legal-name-mismatch': '营业执照上的法定名称与合同上的名称不一致。',
      'contract-closed': '此合同已签署，无需再提供文件。',
    },
    signTitle: '签署合同',
    signIntro: '请查看以下合同。签署时，请输入您的全名并确认。',
    signerLabel: '您的全名',
    agreeLabel: '我已阅读本合同并同意其条款。',
    sign: '签署合同',
    signProblems: {
      'name-missing': '请输入您的全名。',
      'name-too-long': '最多 200 个字符。',
      'agree-missing': '请确认您同意条款。',
    },
    signedTitle: '感谢您的签署',
    signedBody: '您的合同已签署，副本将通过电子邮件发送给您。',
    notWaitingTitle: '无需操作',
    notWaitingBody: '此合同已不再等待此步骤。',
  },
};
